package dev.heaptrail.heap.index;

import dev.heaptrail.heap.ClassHistogram;
import dev.heaptrail.heap.ShallowSizes;
import dev.heaptrail.heap.internal.Background;
import dev.heaptrail.heap.internal.ClassNames;
import dev.heaptrail.heap.internal.PhaseLog;
import dev.heaptrail.heap.store.NodeArray;
import dev.heaptrail.hprof.BasicType;
import dev.heaptrail.hprof.HeapRecord;
import it.unimi.dsi.fastutil.ints.Int2ObjectMap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Completes an index read by {@link SinglePass}: finds the runs of ascending ids for the lookup,
 * then lays out each object's size and its references by number in one walk over the objects.
 * The references come out grouped by object already (the dump lists an object's references
 * together), so the outgoing rows need no sort; the incoming ones are turned over from them on
 * another thread.
 */
final class SinglePassIndex {

    private static final ObjectKind[] KINDS = ObjectKind.values();
    private static final int NEAR = 4;
    /** Beyond these, looking ids up costs more than numbering by id: the dump is read twice instead. */
    private static final int MAX_RUNS = 16;
    private static final int MAX_LOOSE = 1 << 20;

    private SinglePassIndex() {}

    static HeapIndex finish(SinglePass pass, Path dump, NodeArray.Factory arrays, NodeArray.Factory scratch) {
        pass.complete();
        long n = pass.ids.size();
        NodeArray addresses = pass.ids;
        IdLookup lookup = IdLookup.over(addresses, n, MAX_RUNS, MAX_LOOSE);
        if (lookup == null) {
            throw new SinglePass.Unsuitable("its object ids are neither in a few ascending runs nor unique");
        }
        ClassTable table = classTable(pass);
        int classClass = table.byName("java.lang.Class");
        List<IndexedClass> classes = table.classes();
        PhaseLog.mark("index: numbering");

        long[] rootBits = new long[(int) ((n + 63) >>> 6)];
        List<GcRootEntry> roots = new ArrayList<>();
        for (HeapRecord.GcRoot r : pass.rootRecords) {
            long object = lookup.number(r.objectId());
            if (object >= 0) {
                rootBits[(int) (object >>> 6)] |= 1L << object;
                roots.add(new GcRootEntry(object, r.kind(), r.threadSerial(), pass.frames.frameOf(r, pass.names)));
            }
        }
        ClassHistogram histogram = pass.histogram.result(); // fixes the layout the sizes follow
        ShallowSizes sizes = pass.histogram.shallowSizes();
        int c = classes.size();
        long[] classEdge = new long[c]; // the number of each class's object; -1 when a GC root holds it (see ReferencePass)
        long[] instanceSize = new long[c];
        int[] elementBytes = new int[c];
        for (IndexedClass k : classes) {
            long object = k.classId() == 0 ? -1 : lookup.number(k.classId());
            boolean root = object >= 0 && (rootBits[(int) (object >>> 6)] & (1L << object)) != 0;
            classEdge[k.index()] = root ? -1 : object;
            instanceSize[k.index()] = sizes.instance(k.classId());
        }
        for (BasicType t : BasicType.values()) {
            if (t != BasicType.OBJECT && pass.primitiveArrayClass[t.value()] >= 0) {
                elementBytes[pass.primitiveArrayClass[t.value()]] = t.size();
            }
        }

        KindColumn kinds = pass.kinds;
        long classEdges = 0;
        for (int k = 0; k < c; k++) {
            classEdges += classEdge[k] >= 0 ? pass.instancesOf(k) : 0;
        }
        long bound = pass.references.size() + classEdges;
        // The rows first: the search of the heap reads them most, so they get the heap's room first.
        NodeArray outStart = arrays.create(n + 1, bound);
        NodeArray outTargets = arrays.create(Math.max(1, bound), n);
        NodeArray shallow = arrays.create(n, largestShallowSize(pass, sizes, classes));
        Rows rows = new Rows(pass, kinds, lookup, sizes, classClass, classEdge, instanceSize, elementBytes, shallow,
                outStart, outTargets);
        long w = rows.layOut(n);
        outStart.set(n, w);
        pass.referenceCount.release();
        pass.references.release();
        // Past w, the places of references to ids the dump does not hold (the dumper skipped
        // them) stay unused: a few, not worth a copy of all the others.
        Background<NodeArray[]> incoming = Background.start("incoming-rows",
                () -> IncomingRows.of(outStart, outTargets, n, arrays, arrays));
        IndexArrays all = new IndexArrays(addresses, pass.classOf, kinds, shallow, pass.contentOffset, pass.contentLength,
                outStart, outTargets, null, null);
        IndexModel model = new IndexModel(pass.idSize, n, w, classes, List.copyOf(roots), histogram);
        return new HeapIndex(all, model, dump, incoming, lookup);
    }

    /**
     * Each object's shallow size and outgoing row, in one sequential walk (two threads taking a
     * half each were measured slower: the second core is busy compiling, and the halves' rows
     * must be joined).
     */
    private static final class Rows {
        private final SinglePass pass;
        private final KindColumn kinds;
        private final IdLookup lookup;
        private final ShallowSizes sizes;
        private final int classClass;
        private final long[] classEdge;
        private final long[] instanceSize;
        private final int[] elementBytes;
        private final NodeArray shallow;
        private final NodeArray outStart;
        private final NodeArray outTargets;

        Rows(SinglePass pass, KindColumn kinds, IdLookup lookup, ShallowSizes sizes, int classClass, long[] classEdge,
             long[] instanceSize, int[] elementBytes, NodeArray shallow, NodeArray outStart, NodeArray outTargets) {
            this.pass = pass;
            this.kinds = kinds;
            this.lookup = lookup;
            this.sizes = sizes;
            this.classClass = classClass;
            this.classEdge = classEdge;
            this.instanceSize = instanceSize;
            this.elementBytes = elementBytes;
            this.shallow = shallow;
            this.outStart = outStart;
            this.outTargets = outTargets;
        }

        /** Lays out objects [0, n), a chunk of the columns at a time; returns the number of references. */
        long layOut(long n) {
            Lane lane = new Lane(new References(pass.references));
            for (int chunk = 0; chunk < pass.ids.chunkCount(); chunk++) {
                lane.enter(chunk);
                for (int i = 0, end = (int) (Math.min(n, lane.base + Column.CHUNK) - lane.base); i < end; i++) {
                    lane.object(i);
                }
            }
            return lane.w;
        }

        /**
         * The walk's cursor. The work for an object is a method of its own, called millions of
         * times: compiled early by the JIT, where a loop running once would wait for an
         * on-stack replacement.
         */
        private final class Lane {
            long w;
            final References refs;
            long base;
            int chunkEnd;
            NodeArray ids;
            NodeArray classOf;
            NodeArray length;
            NodeArray count;

            Lane(References refs) {
                this.refs = refs;
            }

            void enter(int chunk) {
                base = (long) chunk << Column.SHIFT;
                ids = pass.ids.chunk(chunk);
                classOf = pass.classOf.chunk(chunk);
                length = pass.contentLength.chunk(chunk);
                count = pass.referenceCount.chunk(chunk);
                chunkEnd = (int) (Math.min(base + Column.CHUNK, pass.ids.size()) - base);
            }

            void object(int i) {
                long o = base + i;
                ObjectKind kind = KINDS[kinds.get(o)];
                int k = (int) classOf.get(i);
                outStart.set(o, w);
                switch (kind) {
                    case CLASS -> {
                        classOf.set(i, classClass);
                        shallow.set(o, sizes.mirror(ids.get(i)));
                    }
                    case INSTANCE -> shallow.set(o, instanceSize[k]);
                    case OBJECT_ARRAY -> shallow.set(o, sizes.objectArray(length.get(i) / pass.idSize));
                    case PRIMITIVE_ARRAY -> shallow.set(o, sizes.primitiveArray(elementBytes[k], length.get(i) / elementBytes[k]));
                }
                if (kind == ObjectKind.INSTANCE || kind == ObjectKind.OBJECT_ARRAY) {
                    long t = classEdge[k];
                    if (t >= 0) {
                        outTargets.set(w++, t);
                    }
                }
                for (long r = count.get(i); r > 0; r--) {
                    long t = target(i, refs.next());
                    if (t >= 0) { // else an id the dump does not hold (the dumper skipped it)
                        outTargets.set(w++, t);
                    }
                }
            }

            /** Most references lead to one of the next few objects (a string, then its bytes). */
            private long target(int i, long id) {
                for (int x = i + 1, last = Math.min(chunkEnd - 1, i + NEAR); x <= last; x++) {
                    if (ids.get(x) == id) {
                        return base + x;
                    }
                }
                return lookup.number(id);
            }
        }
    }

    /** A bound on every object's shallow size: ints hold them unless an array is gigabytes. */
    private static long largestShallowSize(SinglePass pass, ShallowSizes sizes, List<IndexedClass> classes) {
        long largest = Math.max(sizes.objectArray(pass.longestArray), sizes.primitiveArray(8, pass.longestArray));
        for (IndexedClass k : classes) {
            largest = Math.max(largest, Math.max(sizes.instance(k.classId()), sizes.mirror(k.classId())));
        }
        return largest;
    }

    /** The referenced ids in order, a chunk at a time. */
    private static final class References {
        private final Column ids;
        private NodeArray chunk;
        private int at = Column.CHUNK;
        private int index = -1;

        References(Column ids) {
            this.ids = ids;
        }

        long next() {
            if (at == Column.CHUNK) {
                chunk = ids.chunk(++index);
                at = 0;
            }
            return chunk.get(at++);
        }
    }

    /**
     * The classes as all of the dump describes them, checked against what the read assumed when it
     * met each object: a dump that named a class or a field only after its objects is refused.
     */
    private static ClassTable classTable(SinglePass pass) {
        ClassTable table = new ClassTable(pass.names, pass.idSize);
        for (HeapRecord.ClassDump d : pass.classDumps) {
            table.add(d);
        }
        List<IndexedClass> classes = table.classes();
        for (Int2ObjectMap.Entry<int[]> used : pass.offsetsUsed.int2ObjectEntrySet()) {
            if (!Arrays.equals(used.getValue(), table.referenceOffsets(used.getIntKey()))) {
                throw new SinglePass.Unsuitable("the fields of class " + classes.get(used.getIntKey()).name()
                        + " are described after its objects");
            }
        }
        for (BasicType t : BasicType.values()) {
            int k = t == BasicType.OBJECT ? -1 : pass.primitiveArrayClass[t.value()];
            if (k >= 0 && !classes.get(k).name().equals(ClassNames.primitiveArray(t))) {
                throw new SinglePass.Unsuitable("class " + ClassNames.primitiveArray(t) + " is named after its arrays");
            }
        }
        return table;
    }
}
