package dev.heaptrail.heap.index;

import dev.heaptrail.heap.ClassHistogram;
import dev.heaptrail.heap.ClassHistogramBuilder;
import dev.heaptrail.heap.internal.DumpNames;
import dev.heaptrail.heap.store.NodeArray;
import dev.heaptrail.hprof.BasicType;
import dev.heaptrail.hprof.HeapRecord;
import dev.heaptrail.hprof.HprofReader;
import dev.heaptrail.hprof.HprofVisitor;
import dev.heaptrail.hprof.HprofVisitors;
import dev.heaptrail.hprof.ReadProgress;
import it.unimi.dsi.fastutil.BigArrays;
import it.unimi.dsi.fastutil.longs.LongBigArrays;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link HeapIndex} in two passes over a dump. Pass one collects every object's id,
 * the classes, the GC roots and the histogram (which fixes the object layout); objects are then
 * numbered by sorting their ids. Pass two reads contents and records each object's class, kind,
 * shallow size and references by number.
 *
 * <p>This first version keeps the index in the Java heap (about 40 bytes per object plus 16 per
 * reference while building); index files mapped from disk replace the arrays behind the same
 * {@link HeapIndex} API next.
 */
public final class HeapIndexBuilder {

    private final DumpNames names = new DumpNames();
    private final List<HeapRecord.ClassDump> classDumps = new ArrayList<>();
    private final List<HeapRecord.GcRoot> rootRecords = new ArrayList<>();
    private long[][] addresses = LongBigArrays.newBigArray(1024);
    private long count;
    /** An upper bound of the references pass two can find: every id-sized slot, plus each object's class. */
    private long referenceSlots;
    private int idSize = 8;
    private final Path dump;

    private HeapIndexBuilder(Path dump) {
        this.dump = dump;
    }

    /** Reads the dump twice (does I/O) and returns its index, its arrays in the Java heap. */
    public static HeapIndex build(Path dump, ReadProgress progress) throws IOException {
        return build(dump, progress, NodeArray.Factory.DEFAULT);
    }

    /**
     * As {@link #build(Path, ReadProgress)}, with the per-object and per-reference arrays made by
     * {@code arrays} (e.g. {@link dev.heaptrail.heap.store.MappedNodeArray#in} to keep them on disk).
     */
    public static HeapIndex build(Path dump, ReadProgress progress, NodeArray.Factory arrays) throws IOException {
        HeapIndexBuilder b = new HeapIndexBuilder(dump);
        ClassHistogramBuilder histogramBuilder = new ClassHistogramBuilder(b.names);
        try (HprofReader reader = HprofReader.open(dump)) {
            reader.accept(HprofVisitors.tee(histogramBuilder, b.new FirstPass()), progress);
        }
        ClassHistogram histogram = histogramBuilder.result();
        b.numberObjects();
        try (HprofReader reader = HprofReader.open(dump)) {
            ReferencePass second = new ReferencePass(b, histogramBuilder.shallowSizes(), reader.header().idSize(), arrays);
            reader.accept(second, progress);
            return second.finish(histogram);
        }
    }

    /** Pass one: ids of all objects, classes and roots. */
    private final class FirstPass implements HprofVisitor {
        @Override
        public void header(dev.heaptrail.hprof.HprofHeader header) {
            idSize = header.idSize();
        }

        @Override
        public void gcRoot(HeapRecord.GcRoot root) {
            rootRecords.add(root);
        }

        @Override
        public void classDump(HeapRecord.ClassDump dump) {
            classDumps.add(dump);
            referenceSlots += 4 + dump.staticFields().size() + dump.constantPool().size();
            add(dump.objectId());
        }

        @Override
        public void instanceHead(long objectId, int stack, long classId, long fieldsOffset, int fieldsLength) {
            referenceSlots += 1 + fieldsLength / idSize;
            add(objectId);
        }

        @Override
        public void objectArrayHead(long objectId, int stack, long arrayClassId, int length, long elementsOffset) {
            referenceSlots += 1L + length;
            add(objectId);
        }

        @Override
        public void primitiveArrayHead(long objectId, int stack, BasicType type, int length, long elementsOffset) {
            add(objectId);
        }

        private void add(long address) {
            addresses = BigArrays.grow(addresses, count + 1, count);
            BigArrays.set(addresses, count++, address);
        }
    }

    /** Objects are numbered by id order; a corrupt dump's duplicate ids collapse into one object. */
    private void numberObjects() {
        LongBigArrays.quickSort(addresses, 0, count);
        long unique = 0;
        for (long i = 0; i < count; i++) {
            long a = BigArrays.get(addresses, i);
            if (unique == 0 || BigArrays.get(addresses, unique - 1) != a) {
                BigArrays.set(addresses, unique++, a);
            }
        }
        count = unique;
    }

    long number(long address) {
        if (address == 0) {
            return -1;
        }
        long i = LongBigArrays.binarySearch(addresses, 0, count, address);
        return i >= 0 ? i : -1;
    }

    long referenceSlots() {
        return referenceSlots;
    }

    Path dump() {
        return dump;
    }

    long count() {
        return count;
    }

    long[][] addresses() {
        return addresses;
    }

    DumpNames names() {
        return names;
    }

    List<HeapRecord.ClassDump> classDumps() {
        return classDumps;
    }

    List<HeapRecord.GcRoot> rootRecords() {
        return rootRecords;
    }
}
