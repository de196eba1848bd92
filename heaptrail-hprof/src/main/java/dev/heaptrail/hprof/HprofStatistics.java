package dev.heaptrail.hprof;

import java.util.EnumMap;
import java.util.Map;

/** Counts what a dump holds, record by record: a visitor for {@code heaptrail info}. */
public final class HprofStatistics implements ObjectHeadVisitor {

    private final long[] records = new long[HprofTag.values().length];
    private final long[] heapRecords = new long[HeapTag.values().length];
    private long instanceBytes;
    private long objectArrayElements;
    private long primitiveArrayBytes;
    private HprofHeader header;

    @Override
    public void header(HprofHeader header) {
        this.header = header;
    }

    @Override
    public void record(HprofRecord record, long offset) {
        HprofTag tag;
        if (record instanceof HprofRecord.HeapDumpStart start) {
            tag = start.tag();
        } else {
            tag = tagOf(record);
        }
        records[tag.ordinal()]++;
    }

    private static HprofTag tagOf(HprofRecord r) {
        if (r instanceof HprofRecord.Utf8) return HprofTag.UTF8;
        if (r instanceof HprofRecord.LoadClass) return HprofTag.LOAD_CLASS;
        if (r instanceof HprofRecord.UnloadClass) return HprofTag.UNLOAD_CLASS;
        if (r instanceof HprofRecord.StackFrame) return HprofTag.STACK_FRAME;
        if (r instanceof HprofRecord.StackTrace) return HprofTag.STACK_TRACE;
        if (r instanceof HprofRecord.AllocSites) return HprofTag.ALLOC_SITES;
        if (r instanceof HprofRecord.HeapSummary) return HprofTag.HEAP_SUMMARY;
        if (r instanceof HprofRecord.StartThread) return HprofTag.START_THREAD;
        if (r instanceof HprofRecord.EndThread) return HprofTag.END_THREAD;
        if (r instanceof HprofRecord.HeapDumpEnd) return HprofTag.HEAP_DUMP_END;
        if (r instanceof HprofRecord.CpuSamples) return HprofTag.CPU_SAMPLES;
        return HprofTag.CONTROL_SETTINGS;
    }

    @Override
    public void gcRoot(HeapRecord.GcRoot root) {
        heapRecords[root.kind().ordinal()]++;
    }

    @Override
    public void classDump(HeapRecord.ClassDump classDump) {
        heapRecords[HeapTag.CLASS_DUMP.ordinal()]++;
    }

    @Override
    public void instanceHead(long objectId, int stackTraceSerial, long classId, long fieldsOffset, int fieldsLength) {
        heapRecords[HeapTag.INSTANCE_DUMP.ordinal()]++;
        instanceBytes += fieldsLength;
    }

    @Override
    public void objectArrayHead(long objectId, int stackTraceSerial, long arrayClassId, int length, long elementsOffset) {
        heapRecords[HeapTag.OBJECT_ARRAY_DUMP.ordinal()]++;
        objectArrayElements += length;
    }

    @Override
    public void primitiveArrayHead(long objectId, int stackTraceSerial, BasicType type, int length, long elementsOffset) {
        heapRecords[HeapTag.PRIMITIVE_ARRAY_DUMP.ordinal()]++;
        primitiveArrayBytes += (long) length * type.size();
    }




    public HprofHeader header() {
        return header;
    }

    /** Top-level records by tag (HEAP DUMP SEGMENT counts segments). */
    public Map<HprofTag, Long> records() {
        Map<HprofTag, Long> m = new EnumMap<>(HprofTag.class);
        for (HprofTag t : HprofTag.values()) {
            if (records[t.ordinal()] > 0) {
                m.put(t, records[t.ordinal()]);
            }
        }
        return m;
    }

    /** Heap sub-records by tag: roots by kind, classes, instances, arrays. */
    public Map<HeapTag, Long> heapRecords() {
        Map<HeapTag, Long> m = new EnumMap<>(HeapTag.class);
        for (HeapTag t : HeapTag.values()) {
            if (heapRecords[t.ordinal()] > 0) {
                m.put(t, heapRecords[t.ordinal()]);
            }
        }
        return m;
    }

    public long count(HeapTag tag) {
        return heapRecords[tag.ordinal()];
    }

    public long count(HprofTag tag) {
        return records[tag.ordinal()];
    }

    public long roots() {
        long n = 0;
        for (HeapTag t : HeapTag.values()) {
            if (t.isRoot()) {
                n += heapRecords[t.ordinal()];
            }
        }
        return n;
    }

    public long objects() {
        return count(HeapTag.INSTANCE_DUMP) + count(HeapTag.OBJECT_ARRAY_DUMP) + count(HeapTag.PRIMITIVE_ARRAY_DUMP);
    }

    public long instanceFieldBytes() {
        return instanceBytes;
    }

    public long objectArrayElements() {
        return objectArrayElements;
    }

    public long primitiveArrayBytes() {
        return primitiveArrayBytes;
    }
}
