package dev.heaptrail.alloc;

import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a recorded stack into {@link Frame}s, innermost first. Equal frames become one object, so
 * that thousands of stacks through the same code share their frames.
 */
final class StackFrames {

    private final Map<Frame, Frame> frames = new HashMap<>();

    /** Innermost first; empty when the event has no stack. */
    List<Frame> of(RecordedStackTrace stack) {
        if (stack == null) {
            return List.of();
        }
        List<RecordedFrame> recorded = stack.getFrames();
        List<Frame> result = new ArrayList<>(recorded.size());
        for (RecordedFrame f : recorded) {
            Frame frame = frame(f);
            if (frame != null) {
                result.add(frames.computeIfAbsent(frame, x -> x));
            }
        }
        return List.copyOf(result);
    }

    private static Frame frame(RecordedFrame f) {
        RecordedMethod method = f.getMethod();
        if (method == null || method.getType() == null || method.getType().getName() == null) {
            return null; // a native or VM frame with no Java method: not a place in the user's code
        }
        int line = f.getLineNumber();
        String type = method.getType().getName();
        // async-profiler names the JVM's own allocations (no Java caller) with a frame of no class
        return new Frame(type.isEmpty() ? Frame.JVM : type, method.getName(), line > 0 ? line : null);
    }
}
