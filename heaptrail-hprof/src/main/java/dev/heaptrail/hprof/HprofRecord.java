package dev.heaptrail.hprof;

import java.util.List;

/**
 * A top-level record of an HPROF file. Heap dump contents are not here: a HEAP DUMP or
 * HEAP DUMP SEGMENT record announces itself as {@link HeapDumpStart} and its sub-records
 * follow as {@link HeapRecord}s.
 */
public sealed interface HprofRecord {

    /** A UTF8 record: a string (class, field, method or thread name) and its identifier. */
    record Utf8(long id, String value) implements HprofRecord {}

    record LoadClass(int classSerial, long classId, int stackTraceSerial, long nameId) implements HprofRecord {}

    record UnloadClass(int classSerial) implements HprofRecord {}

    /** A FRAME record; {@code line} is positive, or -1 unknown, -2 compiled, -3 native. */
    record StackFrame(long frameId, long methodNameId, long methodSignatureId, long sourceFileId,
                      int classSerial, int line) implements HprofRecord {}

    record StackTrace(int serial, int threadSerial, long[] frameIds) implements HprofRecord {}

    record AllocSites(int flags, float cutoffRatio, int totalLiveBytes, int totalLiveInstances,
                      long totalBytesAllocated, long totalInstancesAllocated, List<AllocSite> sites)
            implements HprofRecord {}

    record AllocSite(boolean array, BasicType arrayType, int classSerial, int stackTraceSerial,
                     int liveBytes, int liveInstances, int bytesAllocated, int instancesAllocated) {}

    record HeapSummary(int liveBytes, int liveInstances, long bytesAllocated, long instancesAllocated)
            implements HprofRecord {}

    record StartThread(int threadSerial, long threadId, int stackTraceSerial, long nameId,
                       long groupNameId, long groupParentNameId) implements HprofRecord {}

    record EndThread(int threadSerial) implements HprofRecord {}

    /** Start of a HEAP DUMP or HEAP DUMP SEGMENT record whose body spans {@code length} bytes. */
    record HeapDumpStart(HprofTag tag, long bodyOffset, long length) implements HprofRecord {}

    record HeapDumpEnd() implements HprofRecord {}

    record CpuSamples(int totalSamples, List<CpuSample> samples) implements HprofRecord {}

    record CpuSample(int count, int stackTraceSerial) {}

    record ControlSettings(int flags, int stackTraceDepth) implements HprofRecord {}
}
