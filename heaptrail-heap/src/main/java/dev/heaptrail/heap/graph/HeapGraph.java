package dev.heaptrail.heap.graph;

import dev.heaptrail.heap.index.GcRootEntry;
import dev.heaptrail.heap.index.HeapIndex;
import dev.heaptrail.heap.index.IndexedClass;
import dev.heaptrail.heap.index.ObjectKind;
import dev.heaptrail.hprof.HeapTag;
import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongLinkedOpenHashSet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link HeapIndex} seen as objects: instances with fields by name, classes with their
 * hierarchy and statics, arrays with their elements, strings as text. For analysis code that looks
 * at one object or structure at a time (is this a HashMap, what does its table hold); loops over
 * every object (dominators, tallies) keep to the index's {@code long} API.
 *
 * <p>Contents are read from the dump when asked, through a bounded cache of the most recently read
 * objects (a few hundred, 16 MB at most); the dump is never read whole. A compressed dump is
 * streamed for each object not cached: prefer a plain one. Safe for several threads. Getters never
 * throw for what a corrupt dump holds (an id that points nowhere reads as empty); an I/O error is an
 * {@link java.io.UncheckedIOException} naming the dump.
 */
public final class HeapGraph {

    private static final int CACHE_ENTRIES = 512;
    private static final long CACHE_BYTES = 16L << 20;

    private final HeapIndex index;
    private final ContentCache contents;
    /** Class indices by name, made on the first lookup by name. */
    private volatile Map<String, List<Integer>> classesByName;
    /** Thread serial → the number of its thread object, made on the first look at the roots. */
    private volatile Int2LongOpenHashMap threadObjects;

    private HeapGraph(HeapIndex index) {
        this.index = Objects.requireNonNull(index, "index");
        this.contents = new ContentCache(index, CACHE_ENTRIES, CACHE_BYTES);
    }

    public static HeapGraph of(HeapIndex index) {
        return new HeapGraph(index);
    }

    /** The index underneath, for the long-based API. */
    public HeapIndex index() {
        return index;
    }

    public long objectCount() {
        return index.objectCount();
    }

    /**
     * The object with this number.
     *
     * @throws IndexOutOfBoundsException when {@code number} is not in [0, {@link #objectCount()})
     */
    public HeapObject object(long number) {
        Objects.checkIndex(number, index.objectCount());
        return switch (index.kind(number)) {
            case INSTANCE -> new HeapInstance(this, number);
            case OBJECT_ARRAY -> new HeapObjectArray(this, number);
            case PRIMITIVE_ARRAY -> new HeapPrimitiveArray(this, number);
            case CLASS -> {
                IndexedClass c = index.classById(index.address(number));
                yield new HeapClass(this, c == null ? index.classIndexOf(number) : c.index());
            }
        };
    }

    /** The object with this id (address) in the dump; empty when the dump holds none. */
    public Optional<HeapObject> objectAt(long address) {
        long number = address == 0 ? -1 : index.objectNumber(address);
        return number < 0 ? Optional.empty() : Optional.of(object(number));
    }

    /** Every class of the dump, in the index's order (stand-ins for classes it names but never describes last). */
    public List<HeapClass> classes() {
        List<HeapClass> all = new ArrayList<>();
        for (int i = 0; i < index.classes().size(); i++) {
            all.add(new HeapClass(this, i));
        }
        return all;
    }

    /** The class of this name ({@code java.util.HashMap}, {@code byte[]}); of several (one per loader), the first. */
    public Optional<HeapClass> findClass(String name) {
        List<HeapClass> found = classesNamed(name);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Every class of this name: more than one when several class loaders each define it. */
    public List<HeapClass> classesNamed(String name) {
        Map<String, List<Integer>> byName = classesByName;
        if (byName == null) {
            byName = new HashMap<>();
            for (IndexedClass c : index.classes()) {
                byName.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(c.index());
            }
            classesByName = byName;
        }
        List<HeapClass> found = new ArrayList<>();
        for (int i : byName.getOrDefault(name, List.of())) {
            found.add(new HeapClass(this, i));
        }
        return found;
    }

    /** The GC roots, in the dump's order. */
    public List<HeapRoot> gcRoots() {
        Int2LongOpenHashMap threads = threadObjects();
        List<HeapRoot> roots = new ArrayList<>();
        for (GcRootEntry r : index.gcRoots()) {
            long thread = r.threadSerial() < 0 ? -1 : threads.get(r.threadSerial());
            Optional<HeapInstance> holder = thread < 0 ? Optional.empty() : object(thread).asInstance();
            roots.add(new HeapRoot(object(r.object()), r.kind(), holder, Optional.ofNullable(r.frame())));
        }
        return roots;
    }

    private Int2LongOpenHashMap threadObjects() {
        Int2LongOpenHashMap threads = threadObjects;
        if (threads == null) {
            threads = new Int2LongOpenHashMap();
            threads.defaultReturnValue(-1);
            for (GcRootEntry r : index.gcRoots()) {
                if (r.kind() == HeapTag.ROOT_THREAD_OBJECT) {
                    threads.put(r.threadSerial(), r.object());
                }
            }
            threadObjects = threads;
        }
        return threads;
    }

    /** Checks that object {@code number} is of this kind: a handle of another kind is a bug of its maker. */
    void requireKind(long number, ObjectKind kind) {
        ObjectKind actual = index.kind(number);
        if (actual != kind) {
            throw new IllegalArgumentException("object " + number + " is a " + actual + ", not a " + kind);
        }
    }

    /** java.lang.Class, the class of class objects (the index makes a stand-in when the dump lacks it). */
    HeapClass classClass() {
        return findClass("java.lang.Class").orElseThrow(() -> new IllegalStateException("the index has no java.lang.Class"));
    }

    HeapClass classAt(long classId) {
        IndexedClass c = index.classById(classId);
        return c == null ? null : new HeapClass(this, c.index());
    }

    ContentCache contents() {
        return contents;
    }

    int idSize() {
        return index.contents().idSize();
    }

    /** The references to {@code target} from each object the index says holds it. */
    List<HeapReference> referrers(HeapObject target) {
        long number = target.number();
        if (number < 0) {
            return List.of();
        }
        LongLinkedOpenHashSet holders = new LongLinkedOpenHashSet();
        for (long e = index.incomingStart(number); e < index.incomingEnd(number); e++) {
            holders.add(index.incomingSource(e));
        }
        List<HeapReference> found = new ArrayList<>();
        for (long holder : holders) {
            for (HeapReference r : object(holder).referents()) {
                if (r.to().number() == number) {
                    found.add(r);
                }
            }
        }
        return found;
    }
}
