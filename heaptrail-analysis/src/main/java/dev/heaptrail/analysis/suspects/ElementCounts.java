package dev.heaptrail.analysis.suspects;

import dev.heaptrail.heap.graph.HeapField;
import dev.heaptrail.heap.graph.HeapInstance;
import dev.heaptrail.heap.graph.HeapObject;
import dev.heaptrail.heap.graph.HeapObjectArray;
import dev.heaptrail.heap.graph.HeapValue;

import java.util.Optional;
import java.util.Set;

/**
 * How many elements a collection holds, read from its fields as the JDK keeps them: a size field
 * ({@code size}, {@code elementCount}, {@code count}), a counter object (LinkedBlockingQueue's
 * AtomicInteger, ConcurrentSkipListMap's LongAdder), striped counters (ConcurrentHashMap's
 * {@code baseCount} and counter cells), a copied array (CopyOnWriteArrayList), a ring
 * (ArrayDeque), or the collection it wraps (HashSet's map, the Collections wrappers). Reads a few
 * objects; never walks the elements.
 */
final class ElementCounts {

    private static final Set<String> SIZE_FIELDS = Set.of("size", "elementCount", "count");
    /** A set's backing map, a wrapper's collection: in any class, as sets of one's own are built on maps. */
    private static final String[] BACKING = {"map", "m"};
    /** The JDK's other wrappers: Collections' ({@code c}), CopyOnWriteArraySet ({@code al}), DelayQueue ({@code q}). */
    private static final String[] JDK_BACKING = {"c", "al", "q"};

    private ElementCounts() {}

    /** Elements of a collection or array of references, or -1 when it is neither or does not say. */
    static long of(HeapObject object) {
        return of(object, 0);
    }

    private static long of(HeapObject object, int depth) {
        if (object instanceof HeapObjectArray array) {
            return array.length();
        }
        if (!(object instanceof HeapInstance collection) || depth > 3) {
            return -1;
        }
        Optional<Long> own = sizeField(collection).or(() -> counter(collection)).or(() -> striped(collection))
                .or(() -> ring(collection));
        if (own.isPresent()) {
            return own.get();
        }
        if (collection.className().equals("java.util.concurrent.CopyOnWriteArrayList")) {
            return collection.fieldObject("array").map(a -> of(a, depth + 1)).orElse(-1L);
        }
        boolean jdk = collection.className().startsWith("java.util.");
        for (String field : jdk ? concat(BACKING, JDK_BACKING) : BACKING) {
            Optional<HeapObject> backing = collection.fieldObject(field);
            if (backing.isPresent() && !backing.get().equals(collection)) {
                long n = of(backing.get(), depth + 1);
                if (n >= 0) {
                    return n;
                }
            }
        }
        return -1;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** The first int field named size, elementCount or count. */
    private static Optional<Long> sizeField(HeapInstance collection) {
        for (HeapField f : collection.fields()) {
            if (f.value().type() == dev.heaptrail.hprof.BasicType.INT && SIZE_FIELDS.contains(f.name())) {
                return Optional.of((long) f.value().asInt());
            }
        }
        return Optional.empty();
    }

    /** A count kept in an AtomicInteger ({@code count}) or a LongAdder ({@code adder}). */
    private static Optional<Long> counter(HeapInstance collection) {
        Optional<HeapInstance> atomic = collection.fieldObject("count").flatMap(HeapObject::asInstance)
                .filter(c -> c.className().equals("java.util.concurrent.atomic.AtomicInteger"));
        if (atomic.isPresent()) {
            return atomic.get().field("value").map(v -> (long) v.asInt());
        }
        return collection.fieldObject("adder").flatMap(HeapObject::asInstance)
                .filter(a -> a.className().equals("java.util.concurrent.atomic.LongAdder"))
                .map(a -> sum(a, "base", "cells"));
    }

    /** ConcurrentHashMap: {@code baseCount} plus the counter cells that contended updates went to. */
    private static Optional<Long> striped(HeapInstance collection) {
        if (!collection.className().equals("java.util.concurrent.ConcurrentHashMap")) {
            return Optional.empty();
        }
        return Optional.of(sum(collection, "baseCount", "counterCells"));
    }

    /** {@code base} plus the {@code value} of each cell of {@code cells}, as LongAdder.sum() adds them. */
    private static long sum(HeapInstance counter, String base, String cells) {
        long total = counter.field(base).map(HeapValue::asLong).orElse(0L);
        Optional<HeapObjectArray> array = counter.fieldObject(cells).flatMap(HeapObject::asObjectArray);
        if (array.isPresent()) {
            for (int i = 0, n = array.get().length(); i < n; i++) {
                total += array.get().element(i).flatMap(HeapObject::asInstance).flatMap(c -> c.field("value"))
                        .map(HeapValue::asLong).orElse(0L);
            }
        }
        return total;
    }

    /** ArrayDeque: the elements between {@code head} and {@code tail} of its circular array. */
    private static Optional<Long> ring(HeapInstance collection) {
        if (!collection.className().equals("java.util.ArrayDeque")) {
            return Optional.empty();
        }
        Optional<HeapObjectArray> elements = collection.fieldObject("elements").flatMap(HeapObject::asObjectArray);
        Optional<HeapValue> head = collection.field("head");
        Optional<HeapValue> tail = collection.field("tail");
        if (elements.isEmpty() || head.isEmpty() || tail.isEmpty() || elements.get().length() == 0) {
            return Optional.empty();
        }
        int length = elements.get().length();
        return Optional.of((long) Math.floorMod(tail.get().asInt() - head.get().asInt(), length));
    }
}
