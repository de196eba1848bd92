package dev.heaptrail.heap.index;

import dev.heaptrail.heap.internal.DumpNames;
import dev.heaptrail.hprof.HeapRecord;
import dev.heaptrail.hprof.HeapTag;
import dev.heaptrail.hprof.HprofRecord;
import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;

/**
 * Where in its thread's stack a stack root sits: a JAVA FRAME or JNI LOCAL root carries a frame
 * number in its thread's stack trace, which the dump lists as FRAME records
 * ("Handler.run(Handler.java:42)"). Collected while pass one reads the top-level records.
 */
final class RootFrames {

    private final Long2ObjectOpenHashMap<HprofRecord.StackFrame> frames = new Long2ObjectOpenHashMap<>();
    private final Int2ObjectOpenHashMap<long[]> traces = new Int2ObjectOpenHashMap<>();
    private final Int2LongOpenHashMap classBySerial = new Int2LongOpenHashMap();
    /** Thread serial → the serial of its stack trace, from ROOT THREAD OBJECT records. */
    private final Int2ObjectOpenHashMap<Integer> threadTraces = new Int2ObjectOpenHashMap<>();

    void record(HprofRecord record) {
        if (record instanceof HprofRecord.StackFrame f) {
            frames.put(f.frameId(), f);
        } else if (record instanceof HprofRecord.StackTrace t) {
            traces.put(t.serial(), t.frameIds());
        } else if (record instanceof HprofRecord.LoadClass c) {
            classBySerial.put(c.classSerial(), c.classId());
        }
    }

    void root(HeapRecord.GcRoot root) {
        if (root.kind() == HeapTag.ROOT_THREAD_OBJECT) {
            threadTraces.put(root.threadSerial(), Integer.valueOf((int) root.extraId()));
        }
    }

    /** The frame of a stack root, as "Class.method(File.java:line)", or null when the dump does not say. */
    String frameOf(HeapRecord.GcRoot root, DumpNames names) {
        if (root.frame() < 0 || (root.kind() != HeapTag.ROOT_JAVA_FRAME && root.kind() != HeapTag.ROOT_JNI_LOCAL)) {
            return null;
        }
        Integer trace = threadTraces.get(root.threadSerial());
        long[] frameIds = trace == null ? null : traces.get(trace.intValue());
        if (frameIds == null || root.frame() >= frameIds.length) {
            return null;
        }
        HprofRecord.StackFrame f = frames.get(frameIds[root.frame()]);
        if (f == null) {
            return null;
        }
        String cls = classBySerial.containsKey(f.classSerial()) ? names.className(classBySerial.get(f.classSerial())) : "?";
        String method = names.stringOrNull(f.methodNameId());
        String file = names.stringOrNull(f.sourceFileId());
        String where = f.line() > 0 && file != null ? file + ":" + f.line()
                : f.line() == -3 ? "Native Method"
                : f.line() == -2 ? "compiled"
                : file != null ? file : "Unknown Source";
        return cls + "." + (method == null ? "?" : method) + "(" + where + ")";
    }
}
