package dev.heaptrail.heap.index;

import dev.heaptrail.heap.ClassHistogram;
import dev.heaptrail.heap.ShallowSizes;
import dev.heaptrail.heap.internal.Background;
import dev.heaptrail.heap.internal.ClassNames;
import dev.heaptrail.heap.internal.DumpNames;
import dev.heaptrail.heap.store.NodeArray;
import dev.heaptrail.hprof.BasicType;
import dev.heaptrail.hprof.HeapRecord;
import dev.heaptrail.hprof.HeapTag;
import dev.heaptrail.hprof.HprofVisitor;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Pass two of {@link HeapIndexBuilder}: each object's class, kind, size and references by number.
 * Several {@link Worker}s may read segments of the dump at once: each object is written by the
 * one worker that meets it, and each worker keeps its own list of references.
 */
final class ReferencePass {

    private final HeapIndexBuilder numbering;
    private final ShallowSizes sizes;
    private final DumpNames names;
    private final long n;
    private final int idSize;
    /** Workers add stand-ins for classes the dump never described. */
    private final ClassTable classes;
    private final int[] primitiveArrayClass = new int[12];
    private final int classClass;
    /** A bit per GC root, by number. */
    private final long[] rootBits;
    private final NodeArray classOf;
    private final KindColumn kinds;
    private final NodeArray shallow;
    private final NodeArray contentOffset;
    private final NodeArray contentLength;
    private final List<Worker> workers = new ArrayList<>();

    private final NodeArray.Factory arrays;
    /** For arrays needed only until {@link #finish}: the reference lists, the row cursors. */
    private final NodeArray.Factory scratch;

    ReferencePass(HeapIndexBuilder numbering, ShallowSizes sizes, int idSize, NodeArray.Factory arrays,
                  NodeArray.Factory scratch) {
        this.arrays = arrays;
        this.scratch = scratch;
        this.numbering = numbering;
        this.sizes = sizes;
        this.names = numbering.names();
        this.n = numbering.count();
        this.idSize = idSize;
        classes = new ClassTable(names, idSize);
        for (HeapRecord.ClassDump d : numbering.classDumps()) {
            classes.add(d);
        }
        classClass = classes.byName("java.lang.Class");
        rootBits = new long[(int) ((n + 63) >>> 6)];
        for (HeapRecord.GcRoot r : numbering.rootRecords()) {
            long object = numbering.number(r.objectId());
            if (object >= 0) {
                rootBits[(int) (object >>> 6)] |= 1L << object;
            }
        }
        for (BasicType t : BasicType.values()) {
            if (t != BasicType.OBJECT) {
                primitiveArrayClass[t.value()] = classes.byName(ClassNames.primitiveArray(t));
            }
        }
        classOf = arrays.create(n, Integer.MAX_VALUE);
        kinds = KindColumn.ofSize(n);
        shallow = arrays.create(n, Long.MAX_VALUE);
        contentOffset = arrays.create(n, Long.MAX_VALUE);
        contentLength = arrays.create(n, Long.MAX_VALUE);
    }

    /** A visitor for one reading thread; make one per thread before the pass. */
    Worker newWorker() {
        Worker w = new Worker();
        workers.add(w);
        return w;
    }

    private void place(long object, int classIndex, ObjectKind kind, long size) {
        classOf.set(object, classIndex);
        kinds.set(object, (byte) kind.ordinal());
        shallow.set(object, size);
    }

    private void content(long object, long offset, long length) {
        contentOffset.set(object, offset);
        contentLength.set(object, length);
    }

    /** One reading thread's part of the pass: the objects of its segments and their references. */
    final class Worker implements HprofVisitor {
        /** Direct-mapped cache of class id → class index, size, number and reference offsets: looked up once per object. */
        private final long[] cachedClassId = new long[4096];
        private final int[] cachedClassIndex = new int[4096];
        private final long[] cachedSize = new long[4096];
        private final long[] cachedClassNumber = new long[4096];
        private final int[][] cachedOffsets = new int[4096][];
        private final EdgeList edges = new EdgeList(scratch, n);
        private final HeapIndexBuilder.Cursor cursor = numbering.cursor();

        @Override
        public boolean wantsContent(HeapTag kind, long objectId) {
            return kind != HeapTag.PRIMITIVE_ARRAY_DUMP;
        }

        @Override
        public void classDump(HeapRecord.ClassDump d) {
            long object = numbering.number(d.objectId());
            if (object < 0) {
                return;
            }
            place(object, classClass, ObjectKind.CLASS, sizes.mirror(d.objectId()));
            edge(object, d.superClassId());
            edge(object, d.classLoaderId());
            edge(object, d.signersId());
            edge(object, d.protectionDomainId());
            for (HeapRecord.StaticField f : d.staticFields()) {
                if (f.type() == BasicType.OBJECT) {
                    edge(object, f.value());
                }
            }
            for (HeapRecord.ConstantPoolEntry e : d.constantPool()) {
                if (e.type() == BasicType.OBJECT) {
                    edge(object, e.value());
                }
            }
        }

        @Override
        public boolean wantsFieldsInPlace() {
            return true;
        }

        @Override
        public void instanceInPlace(long objectId, long classId, long fieldsOffset, ByteBuffer fields, int at, int length) {
            instance(objectId, classId, fieldsOffset, fields, at, length);
        }

        @Override
        public void instance(HeapRecord.InstanceDump d) {
            byte[] values = d.fieldValues();
            instance(d.objectId(), d.classId(), d.fieldsOffset(), values == null ? null : ByteBuffer.wrap(values), 0,
                    d.fieldsLength());
        }

        private void instance(long objectId, long classId, long fieldsOffset, ByteBuffer fields, int at, int length) {
            long object = cursor.number(objectId);
            if (object < 0) {
                return;
            }
            int slot = (int) ((classId * 0x9E3779B97F4A7C15L) >>> 52); // ids of class mirrors share low bits
            if (cachedClassId[slot] != classId || cachedOffsets[slot] == null) { // an empty slot matches id 0 (or -1)
                int c = classes.byId(classId);
                cachedClassId[slot] = classId;
                cachedClassIndex[slot] = c;
                cachedSize[slot] = sizes.instance(classId);
                cachedClassNumber[slot] = classReference(numbering.number(classId));
                cachedOffsets[slot] = classes.referenceOffsets(c);
            }
            place(object, cachedClassIndex[slot], ObjectKind.INSTANCE, cachedSize[slot]);
            content(object, fieldsOffset, length);
            numberedEdge(object, cachedClassNumber[slot]);
            if (fields == null) {
                return;
            }
            for (int offset : cachedOffsets[slot]) {
                if (offset + idSize <= length) {
                    long target = idSize == 8 ? fields.getLong(at + offset) : fields.getInt(at + offset) & 0xffffffffL;
                    if (target != 0) {
                        numberedEdge(object, numbering.numberNear(object, target));
                    }
                }
            }
        }

        @Override
        public void objectArray(HeapRecord.ObjectArrayDump d) {
            long object = cursor.number(d.objectId());
            if (object < 0) {
                return;
            }
            place(object, classes.byId(d.arrayClassId()), ObjectKind.OBJECT_ARRAY, sizes.objectArray(d.length()));
            content(object, d.elementsOffset(), (long) d.length() * idSize);
            numberedEdge(object, classReference(numbering.number(d.arrayClassId())));
            if (d.elements() != null) {
                for (long e : d.elements()) {
                    edge(object, e);
                }
            }
        }

        @Override
        public void primitiveArrayHead(long objectId, int stack, BasicType type, int length, long elementsOffset) {
            long object = cursor.number(objectId);
            if (object >= 0) {
                place(object, primitiveArrayClass[type.value()], ObjectKind.PRIMITIVE_ARRAY, sizes.primitiveArray(type.size(), length));
                content(object, elementsOffset, (long) length * type.size());
            }
        }

        /**
         * The reference from an object to its class, or -1 (none) when the class is a GC root:
         * then it changes no dominator and no shortest path from the roots, and a dump's system
         * classes (String, HashMap$Node...) would otherwise take a third of all references, one
         * per instance. A class no root holds keeps this reference: its instances keep it alive.
         */
        private long classReference(long classObject) {
            return classObject >= 0 && (rootBits[(int) (classObject >>> 6)] & (1L << classObject)) != 0 ? -1 : classObject;
        }

        private void edge(long object, long targetId) {
            numberedEdge(object, numbering.number(targetId));
        }

        private void numberedEdge(long object, long target) {
            if (target >= 0) { // else null, or an id the dump does not hold (the dumper skipped it)
                edges.add(object, target);
            }
        }
    }

    /**
     * Turns the workers' references into outgoing and incoming rows, both at once: they only read
     * the lists. The index is returned as soon as the outgoing rows are done, the incoming ones
     * still being built on another thread (the depth-first search needs only the outgoing).
     */
    HeapIndex finish(ClassHistogram histogram) {
        long edgeCount = 0;
        for (Worker w : workers) {
            edgeCount += w.edges.size();
        }
        long total = edgeCount;
        Background<NodeArray[]> incoming = Background.start("incoming-rows", () -> {
            NodeArray start = rows(false, total);
            return new NodeArray[] {start, fill(start, false, total)};
        });
        NodeArray outStart = rows(true, total);
        NodeArray outTargets = fill(outStart, true, total);
        List<GcRootEntry> roots = new ArrayList<>();
        for (HeapRecord.GcRoot r : numbering.rootRecords()) {
            long object = numbering.number(r.objectId());
            if (object >= 0) {
                roots.add(new GcRootEntry(object, r.kind(), r.threadSerial(), numbering.frameOf(r)));
            }
        }
        IndexArrays all = new IndexArrays(numbering.ids(), classOf, kinds, shallow, contentOffset, contentLength,
                outStart, outTargets, null, null);
        IndexModel model = new IndexModel(idSize, n, edgeCount, classes.classes(), List.copyOf(roots), histogram);
        return new HeapIndex(all, model, numbering.dump(), incoming, IdLookup.of(numbering.lookup()));
    }

    /**
     * Row starts (n + 1 entries) for the references grouped by their source ({@code bySource}) or
     * target. A worker adds an object's references together, so sources come in runs: counted a
     * run at a time.
     */
    private NodeArray rows(boolean bySource, long total) {
        NodeArray start = arrays.create(n + 1, total);
        for (Worker w : workers) {
            EdgeList list = w.edges;
            for (int c = 0; c < list.chunkCount(); c++) {
                NodeArray keys = list.chunk(bySource, c);
                long run = -1;
                long length = 0;
                for (int i = 0, size = list.chunkSize(c); i < size; i++) {
                    long k = keys.get(i);
                    if (k == run) {
                        length++;
                        continue;
                    }
                    if (run >= 0) {
                        start.set(run + 1, start.get(run + 1) + length);
                    }
                    run = k;
                    length = 1;
                }
                if (run >= 0) {
                    start.set(run + 1, start.get(run + 1) + length);
                }
            }
        }
        for (long i = 1; i <= n; i++) {
            start.set(i, start.get(i) + start.get(i - 1));
        }
        return start;
    }

    /** The other side of each reference, in the rows {@code start} laid out (a run of one key at a time). */
    private NodeArray fill(NodeArray start, boolean bySource, long total) {
        NodeArray cursor = scratch.create(n, total);
        for (long i = 0; i < n; i++) {
            cursor.set(i, start.get(i));
        }
        NodeArray out = arrays.create(Math.max(1, total), n);
        for (Worker w : workers) {
            EdgeList list = w.edges;
            for (int c = 0; c < list.chunkCount(); c++) {
                NodeArray keys = list.chunk(bySource, c);
                NodeArray values = list.chunk(!bySource, c);
                long run = -1;
                long at = 0;
                for (int i = 0, size = list.chunkSize(c); i < size; i++) {
                    long k = keys.get(i);
                    if (k != run) {
                        if (run >= 0) {
                            cursor.set(run, at);
                        }
                        run = k;
                        at = cursor.get(k);
                    }
                    out.set(at++, values.get(i));
                }
                if (run >= 0) {
                    cursor.set(run, at);
                }
            }
        }
        scratch.release(cursor);
        return out;
    }
}
