package dev.heaptrail.heap.index;

import dev.heaptrail.heap.ClassHistogram;
import dev.heaptrail.heap.ClassHistogramBuilder;
import dev.heaptrail.heap.internal.DumpNames;
import dev.heaptrail.heap.internal.PhaseLog;
import dev.heaptrail.heap.store.ArraysAhead;
import dev.heaptrail.heap.store.NodeArray;
import dev.heaptrail.hprof.BasicType;
import dev.heaptrail.hprof.HeapRecord;
import dev.heaptrail.hprof.HprofReader;
import dev.heaptrail.hprof.HprofVisitor;
import dev.heaptrail.hprof.HprofVisitors;
import dev.heaptrail.hprof.ReadProgress;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link HeapIndex} from a dump. Read by up to two threads' worth of cores, a dump is
 * indexed in one pass ({@link SinglePass}): objects numbered in the order listed, references
 * kept as ids until the runs of ids are known. Read by three threads or more, or when the dump
 * describes a class after its objects, in two passes: pass one collects every object's id, the classes, the
 * GC roots and the histogram (which fixes the object layout), and numbers the objects by sorting
 * their ids; pass two reads contents and records each object's class, kind, shallow size and
 * references by number.
 */
public final class HeapIndexBuilder {

    private final DumpNames names = new DumpNames();
    private final List<HeapRecord.ClassDump> classDumps = new ArrayList<>();
    private final List<HeapRecord.GcRoot> rootRecords = new ArrayList<>();
    private final RootFrames frames = new RootFrames();
    private final ObjectNumbering numbering;
    private NodeArray ids;
    private ObjectIds lookup;
    private long count;
    private final Path dump;

    private HeapIndexBuilder(Path dump, NodeArray.Factory arrays, NodeArray.Factory scratch) {
        this.dump = dump;
        this.numbering = new ObjectNumbering(scratch, arrays);
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
        return build(dump, progress, arrays, arrays);
    }

    /**
     * As {@link #build(Path, ReadProgress, NodeArray.Factory)}, with the arrays needed only while
     * building (unsorted ids, the list of references) made by {@code scratch}: e.g. in the heap
     * while they fit, when the index itself goes to mapped files.
     */
    public static HeapIndex build(Path dump, ReadProgress progress, NodeArray.Factory arrays, NodeArray.Factory scratch)
            throws IOException {
        return build(dump, progress, arrays, scratch, false);
    }

    /**
     * As {@link #build(Path, ReadProgress, NodeArray.Factory, NodeArray.Factory)}; with
     * {@code chunksAhead}, the read's next column chunks are made on another thread before they are
     * needed ({@link ArraysAhead}): for factories with a budget, which the chunks made ahead count
     * against (in an unbounded heap they would add a chunk a column to the read's peak).
     */
    public static HeapIndex build(Path dump, ReadProgress progress, NodeArray.Factory arrays, NodeArray.Factory scratch,
                                  boolean chunksAhead) throws IOException {
        try (HprofReader reader = HprofReader.open(dump)) {
            // One read beats two passes whose second is shared by two threads (on two cores, even on
            // the 3 GB dump: docs/performance.md); with more readers the two passes are kept.
            int threads = ClassHistogramBuilder.readerThreads(reader.fileSize());
            if (threads < 3 || !reader.canReadInParallel()) {
                // the columns' chunks made on the second core while the read fills the ones before
                ArraysAhead columnsAhead = new ArraysAhead(arrays, chunksAhead ? Column.CHUNK : -1);
                ArraysAhead scratchAhead = scratch == arrays ? columnsAhead : new ArraysAhead(scratch, chunksAhead ? Column.CHUNK : -1);
                SinglePass pass = new SinglePass(new DumpNames(), columnsAhead, scratchAhead);
                try {
                    try {
                        reader.accept(pass, progress);
                    } finally {
                        columnsAhead.close();
                        scratchAhead.close();
                    }
                    PhaseLog.mark("index: read");
                    HeapIndex index = SinglePassIndex.finish(pass, dump, arrays, scratch);
                    PhaseLog.mark("index: rows");
                    return index;
                } catch (SinglePass.Unsuitable e) {
                    PhaseLog.mark("index: dump order refused (" + e.getMessage() + ")");
                }
            }
        }
        return buildInTwoPasses(dump, progress, arrays, scratch);
    }

    /**
     * Pass one collects the ids, pass two the rest, in segments read by several threads when the
     * dump is big enough; or when the dump lists an object before its class.
     */
    static HeapIndex buildInTwoPasses(Path dump, ReadProgress progress, NodeArray.Factory arrays, NodeArray.Factory scratch)
            throws IOException {
        HeapIndexBuilder b = new HeapIndexBuilder(dump, arrays, scratch);
        ClassHistogramBuilder histogramBuilder = new ClassHistogramBuilder(b.names);
        try (HprofReader reader = HprofReader.open(dump)) {
            reader.accept(HprofVisitors.tee(histogramBuilder, b.new FirstPass()), progress);
        }
        ClassHistogram histogram = histogramBuilder.result();
        PhaseLog.mark("index: pass one");
        b.numberObjects();
        PhaseLog.mark("index: numbering");
        try (HprofReader reader = HprofReader.open(dump)) {
            ReferencePass second = new ReferencePass(b, histogramBuilder.shallowSizes(), reader.header().idSize(), arrays, scratch);
            int threads = ClassHistogramBuilder.readerThreads(reader.fileSize());
            if (threads < 2 || !reader.canReadInParallel()) {
                reader.accept(second.newWorker(), progress);
            } else {
                List<ReferencePass.Worker> workers = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    workers.add(second.newWorker());
                }
                reader.acceptParallel(new HprofVisitor() {}, workers, progress);
            }
            PhaseLog.mark("index: pass two");
            HeapIndex index = second.finish(histogram);
            PhaseLog.mark("index: rows");
            return index;
        }
    }

    /** Pass one: ids of all objects, classes and roots. */
    private final class FirstPass implements HprofVisitor {
        @Override
        public void record(dev.heaptrail.hprof.HprofRecord record, long offset) {
            frames.record(record);
        }

        @Override
        public void gcRoot(HeapRecord.GcRoot root) {
            rootRecords.add(root);
            frames.root(root);
        }

        @Override
        public void classDump(HeapRecord.ClassDump dump) {
            classDumps.add(dump);
            add(dump.objectId());
        }

        @Override
        public void instanceHead(long objectId, int stack, long classId, long fieldsOffset, int fieldsLength) {
            add(objectId);
        }

        @Override
        public void objectArrayHead(long objectId, int stack, long arrayClassId, int length, long elementsOffset) {
            add(objectId);
        }

        @Override
        public void primitiveArrayHead(long objectId, int stack, BasicType type, int length, long elementsOffset) {
            add(objectId);
        }

        private void add(long address) {
            numbering.add(address);
        }
    }

    /** Objects are numbered by id order; a corrupt dump's duplicate ids collapse into one object. */
    private void numberObjects() {
        ids = numbering.sortedUnique();
        count = ids.size();
        lookup = new ObjectIds(ids, count);
    }

    long number(long address) {
        return lookup.number(address);
    }

    /**
     * The number of the object with id {@code address}, referenced by object {@code from}: looked
     * for first among the few numbers just after {@code from}, where most references lead (a
     * string and then its bytes, a node and then its key: allocated one after the other), whose
     * ids the reader's cursor has just brought into the cache; then by the full lookup.
     */
    long numberNear(long from, long address) {
        if (address > ids.get(from)) {
            for (long x = from + 1, last = Math.min(count - 1, from + NEAR); x <= last; x++) {
                long id = ids.get(x);
                if (id >= address) {
                    return id == address ? x : -1; // sorted, so not in the dump (the dumper skipped it)
                }
            }
        }
        return lookup.number(address);
    }

    private static final int NEAR = 4;

    /** The id lookup over {@link #ids()}, handed on to the index. */
    ObjectIds lookup() {
        return lookup;
    }

    Cursor cursor() {
        return new Cursor();
    }

    /**
     * Numbers the objects one reading thread meets in the dump's own order: usually the one after
     * the last, found without a search.
     */
    final class Cursor {
        private long last = -1;

        long number(long address) {
            long next = last + 1;
            if (next < count && ids.get(next) == address) {
                return last = next;
            }
            long found = lookup.number(address);
            if (found >= 0) {
                last = found;
            }
            return found;
        }
    }


    Path dump() {
        return dump;
    }

    long count() {
        return count;
    }

    /** The objects' ids by number. */
    NodeArray ids() {
        return ids;
    }

    DumpNames names() {
        return names;
    }

    List<HeapRecord.ClassDump> classDumps() {
        return classDumps;
    }

    /** The frame a stack root sits in ("Handler.run(Handler.java:42)"), or null. */
    String frameOf(HeapRecord.GcRoot root) {
        return frames.frameOf(root, names);
    }

    List<HeapRecord.GcRoot> rootRecords() {
        return rootRecords;
    }
}
