package dev.heaptrail.heap.index;

import dev.heaptrail.heap.ClassHistogram;
import dev.heaptrail.heap.internal.Background;
import dev.heaptrail.heap.store.NodeArray;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;

import java.nio.file.Path;
import java.util.List;

/**
 * A heap dump as a graph of numbered objects: objects (instances, arrays and class objects) are
 * numbered 0..n-1, in the order the dump lists them (or by address, for a dump indexed in two
 * passes); for each, its class, kind, shallow size, and its outgoing
 * and incoming references in compressed sparse rows. Built by {@link HeapIndexBuilder}.
 * Read-only once built; safe to read from several threads.
 *
 * <p>References count what keeps an object alive: fields and array elements, an object's class,
 * a class's superclass, loader, statics and constant pool; not the referent of a
 * {@code java.lang.ref.Reference}, which does not keep it alive.
 */
public final class HeapIndex {

    private static final ObjectKind[] KINDS = ObjectKind.values(); // values() copies the array each call

    private final IndexArrays arrays;
    private final IndexModel model;
    private final Long2IntOpenHashMap classIndex = new Long2IntOpenHashMap();
    private final ObjectContents contents;
    private final long count;
    /** Made on the first lookup: a reused index that is only walked never needs it. */
    private volatile IdLookup lookup;
    /** The incoming rows; while a new index's are still being built, null until {@link #incoming} waits for them. */
    private volatile NodeArray[] incoming;
    private final Background<NodeArray[]> pendingIncoming;

    HeapIndex(IndexArrays arrays, IndexModel model, Path dump) {
        this(arrays, model, dump, null, null);
    }

    /**
     * With the incoming rows still being built by {@code pendingIncoming} ({start, sources}; else
     * from {@code arrays}) and the id lookup the builder made over the same addresses, or null.
     */
    HeapIndex(IndexArrays arrays, IndexModel model, Path dump, Background<NodeArray[]> pendingIncoming, IdLookup lookup) {
        this.pendingIncoming = pendingIncoming;
        this.lookup = lookup;
        if (pendingIncoming == null) {
            incoming = new NodeArray[] {arrays.inStart(), arrays.inSources()};
        }
        this.arrays = arrays;
        this.model = model;
        this.count = model.objectCount();
        classIndex.defaultReturnValue(-1);
        for (IndexedClass c : model.classes()) {
            if (c.classId() != 0) {
                classIndex.putIfAbsent(c.classId(), c.index());
            }
        }
        this.contents = new ObjectContents(dump, model.idSize(), arrays.contentOffset(), arrays.contentLength());
    }

    IndexArrays arrays() {
        return arrays;
    }

    IndexModel model() {
        return model;
    }

    public long objectCount() {
        return count;
    }

    /** The object's id in the dump (its address when dumped). */
    public long address(long object) {
        return arrays.addresses().get(object);
    }

    /** The number of the object with this id, or -1 when the dump has no such object. */
    public long objectNumber(long address) {
        IdLookup ids = lookup;
        if (ids == null) {
            synchronized (this) {
                ids = lookup;
                if (ids == null) {
                    ids = IdLookup.over(arrays.addresses(), count, Integer.MAX_VALUE, Integer.MAX_VALUE);
                    if (ids == null) { // both builders keep one object per id: only a damaged index has two
                        throw new IllegalStateException("the index lists an object id twice: it is damaged;"
                                + " remove its folder (DUMP.heaptrail-index) and run again");
                    }
                    lookup = ids;
                }
            }
        }
        return ids.number(address);
    }

    public ObjectKind kind(long object) {
        return KINDS[arrays.kinds().get(object)];
    }

    /** The index in {@link #classes} of the object's class (see {@link #classOf}). */
    public int classIndexOf(long object) {
        return (int) arrays.classOf().get(object);
    }

    /** The object's class: for a class object, java.lang.Class; for a primitive array, e.g. byte[]. */
    public IndexedClass classOf(long object) {
        return model.classes().get((int) arrays.classOf().get(object));
    }

    /** What the object is, as people read it: its class's name, or "class X" for the class object of X. */
    public String typeName(long object) {
        if (kind(object) == ObjectKind.CLASS) {
            IndexedClass c = classById(address(object));
            return "class " + (c == null ? "0x" + Long.toHexString(address(object)) : c.name());
        }
        return classOf(object).name();
    }

    public long shallowSize(long object) {
        return arrays.shallow().get(object);
    }

    public long outgoingStart(long object) {
        return arrays.outStart().get(object);
    }

    public long outgoingEnd(long object) {
        return arrays.outStart().get(object + 1);
    }

    public long outgoingTarget(long edge) {
        return arrays.outTargets().get(edge);
    }

    public long referenceCount() {
        return arrays.outStart().get(count);
    }

    public long incomingStart(long object) {
        return incoming()[0].get(object);
    }

    public long incomingEnd(long object) {
        return incoming()[0].get(object + 1);
    }

    public long incomingSource(long edge) {
        return incoming()[1].get(edge);
    }

    /**
     * The incoming rows ({start, sources}), waiting for them when a new index still builds them on
     * another thread: the outgoing rows are enough to start the search of the heap meanwhile.
     */
    NodeArray[] incoming() {
        NodeArray[] in = incoming;
        if (in == null) {
            synchronized (this) {
                in = incoming;
                if (in == null) {
                    incoming = in = pendingIncoming.join();
                }
            }
        }
        return in;
    }

    /** Waits until the incoming references are indexed (they may be built on another thread). */
    public void awaitIncoming() {
        incoming();
    }

    public List<IndexedClass> classes() {
        return model.classes();
    }

    /** The class whose class object has this id, or null. */
    public IndexedClass classById(long classId) {
        int i = classIndex.getOrDefault(classId, -1);
        return i < 0 ? null : model.classes().get(i);
    }

    public List<GcRootEntry> gcRoots() {
        return model.roots();
    }

    /**
     * The contents of objects (instance field bytes in the dump's order, array elements) by object
     * number, read from the dump on request (does I/O).
     */
    public ObjectContents contents() {
        return contents;
    }

    /** The class histogram read in the same pass, with the object layout the sizes follow. */
    public ClassHistogram histogram() {
        return model.histogram();
    }
}
