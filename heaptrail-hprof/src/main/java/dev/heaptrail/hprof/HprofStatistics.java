package dev.heaptrail.hprof;

import java.util.EnumMap;
import java.util.Map;

/** Counts what a dump holds, record by record: a visitor for {@code heaptrail info}. */
public final class HprofStatistics implements HprofVisitor {

    private final Map<HprofTag, Long> records = new EnumMap<>(HprofTag.class);
    private final Map<HeapTag, Long> heapRecords = new EnumMap<>(HeapTag.class);
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
        records.merge(tag, 1L, Long::sum);
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
        heapRecords.merge(root.kind(), 1L, Long::sum);
    }

    @Override
    public void classDump(HeapRecord.ClassDump classDump) {
        heapRecords.merge(HeapTag.CLASS_DUMP, 1L, Long::sum);
    }

    @Override
    public void instance(HeapRecord.InstanceDump instance) {
        heapRecords.merge(HeapTag.INSTANCE_DUMP, 1L, Long::sum);
        instanceBytes += instance.fieldsLength();
    }

    @Override
    public void objectArray(HeapRecord.ObjectArrayDump array) {
        heapRecords.merge(HeapTag.OBJECT_ARRAY_DUMP, 1L, Long::sum);
        objectArrayElements += array.length();
    }

    @Override
    public void primitiveArray(HeapRecord.PrimitiveArrayDump array) {
        heapRecords.merge(HeapTag.PRIMITIVE_ARRAY_DUMP, 1L, Long::sum);
        primitiveArrayBytes += (long) array.length() * array.type().size();
    }

    public HprofHeader header() {
        return header;
    }

    /** Top-level records by tag (HEAP DUMP SEGMENT counts segments). */
    public Map<HprofTag, Long> records() {
        return Map.copyOf(records);
    }

    /** Heap sub-records by tag: roots by kind, classes, instances, arrays. */
    public Map<HeapTag, Long> heapRecords() {
        return Map.copyOf(heapRecords);
    }

    public long count(HeapTag tag) {
        return heapRecords.getOrDefault(tag, 0L);
    }

    public long count(HprofTag tag) {
        return records.getOrDefault(tag, 0L);
    }

    public long roots() {
        long n = 0;
        for (Map.Entry<HeapTag, Long> e : heapRecords.entrySet()) {
            if (e.getKey().isRoot()) {
                n += e.getValue();
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
