package dev.heaptrail.heap.index;

import dev.heaptrail.heap.ClassHistogram;
import dev.heaptrail.heap.store.NodeArray;
import it.unimi.dsi.fastutil.BigArrays;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongBigArrays;

import java.util.List;

/**
 * A heap dump as a graph of numbered objects: objects (instances, arrays and class objects) are
 * numbered 0..n-1 in address order; for each, its class, kind, shallow size, and its outgoing
 * and incoming references in compressed sparse rows. Built by {@link HeapIndexBuilder}.
 * Read-only once built; safe to read from several threads.
 *
 * <p>References count what keeps an object alive: fields and array elements, an object's class,
 * a class's superclass, loader, statics and constant pool; not the referent of a
 * {@code java.lang.ref.Reference}, which does not keep it alive.
 */
public final class HeapIndex {

    private final long[][] addresses;
    private final long count;
    private final NodeArray classOf;
    private final byte[][] kinds;
    private final NodeArray shallow;
    private final NodeArray outStart;
    private final NodeArray outTargets;
    private final NodeArray inStart;
    private final NodeArray inSources;
    private final List<IndexedClass> classes;
    private final Long2IntOpenHashMap classIndex;
    private final List<GcRootEntry> roots;
    private final ClassHistogram histogram;
    private final ObjectContents contents;

    HeapIndex(long[][] addresses, long count, NodeArray classOf, byte[][] kinds, NodeArray shallow,
              NodeArray outStart, NodeArray outTargets, NodeArray inStart, NodeArray inSources,
              List<IndexedClass> classes, Long2IntOpenHashMap classIndex, List<GcRootEntry> roots, ClassHistogram histogram,
              ObjectContents contents) {
        this.contents = contents;
        this.addresses = addresses;
        this.count = count;
        this.classOf = classOf;
        this.kinds = kinds;
        this.shallow = shallow;
        this.outStart = outStart;
        this.outTargets = outTargets;
        this.inStart = inStart;
        this.inSources = inSources;
        this.classes = classes;
        this.classIndex = classIndex;
        this.roots = roots;
        this.histogram = histogram;
    }

    public long objectCount() {
        return count;
    }

    /** The object's id in the dump (its address when dumped). */
    public long address(long object) {
        return BigArrays.get(addresses, object);
    }

    /** The number of the object with this id, or -1 when the dump has no such object. */
    public long objectNumber(long address) {
        long i = LongBigArrays.binarySearch(addresses, 0, count, address);
        return i >= 0 ? i : -1;
    }

    public ObjectKind kind(long object) {
        return ObjectKind.values()[BigArrays.get(kinds, object)];
    }

    /** The object's class: for a class object, java.lang.Class; for a primitive array, e.g. byte[]. */
    public IndexedClass classOf(long object) {
        return classes.get((int) classOf.get(object));
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
        return shallow.get(object);
    }

    public long outgoingStart(long object) {
        return outStart.get(object);
    }

    public long outgoingEnd(long object) {
        return outStart.get(object + 1);
    }

    public long outgoingTarget(long edge) {
        return outTargets.get(edge);
    }

    public long referenceCount() {
        return outStart.get(count);
    }

    public long incomingStart(long object) {
        return inStart.get(object);
    }

    public long incomingEnd(long object) {
        return inStart.get(object + 1);
    }

    public long incomingSource(long edge) {
        return inSources.get(edge);
    }

    public List<IndexedClass> classes() {
        return classes;
    }

    /** The class whose class object has this id, or null. */
    public IndexedClass classById(long classId) {
        int i = classIndex.getOrDefault(classId, -1);
        return i < 0 ? null : classes.get(i);
    }

    public List<GcRootEntry> gcRoots() {
        return roots;
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
        return histogram;
    }
}
