package dev.heaptrail.testkit.synthetic;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A running thread of a {@link SyntheticHeap}: its java.lang.Thread instance (a THREAD OBJECT
 * root), its serial number and its stack trace, whose frames may hold local variables (JAVA FRAME
 * roots) and JNI locals.
 */
public final class ThreadDef implements Ref {

    /** A stack frame: {@code line} positive, or -1 unknown, -2 compiled, -3 native, as HPROF numbers them. */
    public record Frame(String className, String method, String file, int line) {

        private static final Pattern FRAME = Pattern.compile("(.+)\\.([^.(]+)\\(([^:)]*)(?::(\\d+))?\\)");

        /** A frame as a stack trace prints it: {@code Worker.run(Worker.java:42)}, {@code (Native Method)}, {@code (Unknown Source)}. */
        public static Frame parse(String frame) {
            Matcher m = FRAME.matcher(frame);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a stack frame: '" + frame + "'; expected e.g. Worker.run(Worker.java:42)");
            }
            String where = m.group(3);
            return switch (where) {
                case "Native Method" -> new Frame(m.group(1), m.group(2), null, -3);
                case "compiled" -> new Frame(m.group(1), m.group(2), null, -2);
                case "Unknown Source" -> new Frame(m.group(1), m.group(2), null, -1);
                default -> new Frame(m.group(1), m.group(2), where, m.group(4) == null ? -1 : Integer.parseInt(m.group(4)));
            };
        }
    }

    private final SyntheticHeap heap;
    private final int serial;
    private final InstanceDef thread;
    private final List<Frame> frames;

    ThreadDef(SyntheticHeap heap, int serial, InstanceDef thread, List<Frame> frames) {
        this.heap = heap;
        this.serial = serial;
        this.thread = thread;
        this.frames = List.copyOf(frames);
    }

    @Override
    public long id() {
        return thread.id();
    }

    /** The java.lang.Thread instance, to set more of its fields. */
    public InstanceDef instance() {
        return thread;
    }

    /** The thread's serial number in the dump (1, 2, ...). */
    public int serial() {
        return serial;
    }

    public List<Frame> frames() {
        return frames;
    }

    /** A local variable of frame {@code frame} (0 the innermost) holds {@code object}: a JAVA FRAME root. */
    public ThreadDef local(int frame, Ref object) {
        heap.stackRoot(SyntheticHeap.RootKind.JAVA_FRAME, object, this, frame);
        return this;
    }

    /** Native code in frame {@code frame} holds {@code object}: a JNI LOCAL root. */
    public ThreadDef jniLocal(int frame, Ref object) {
        heap.stackRoot(SyntheticHeap.RootKind.JNI_LOCAL, object, this, frame);
        return this;
    }

    /**
     * Gives the thread these ThreadLocal values ({@code threadLocals}, a ThreadLocalMap); the keys
     * are ThreadLocals made by {@link SyntheticHeap#threadLocal()}.
     */
    public ThreadDef threadLocals(Map<? extends Ref, ? extends Ref> values) {
        thread.set("threadLocals", heap.jdkStructures().threadLocalMap(values));
        return this;
    }
}
