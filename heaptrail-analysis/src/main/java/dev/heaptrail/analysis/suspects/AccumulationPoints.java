package dev.heaptrail.analysis.suspects;

import dev.heaptrail.analysis.HeapAnalysis;
import dev.heaptrail.analysis.dominators.Csr;
import dev.heaptrail.heap.index.HeapIndex;
import dev.heaptrail.heap.index.ObjectKind;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where memory accumulates, the way Eclipse MAT's Leak Suspects finds it, minus its trap: from
 * each big object under the GC roots, go down the dominator tree while one child keeps most of
 * the retained size; stop at the accumulation point. Class loaders, their class lists and class
 * objects are looked through, not reported: they hold every static field of every class they
 * loaded, so they would otherwise always "retain 98 %".
 */
final class AccumulationPoints {

    /** A child keeping this share of its parent's retained size is where the memory really is. */
    private static final double DESCEND = 0.8;

    private final HeapAnalysis analysis;
    private final HeapIndex index;
    private final ClassLoaders loaders;

    AccumulationPoints(HeapAnalysis analysis, ClassLoaders loaders) {
        this.analysis = analysis;
        this.index = analysis.index();
        this.loaders = loaders;
    }

    /** The accumulation points retaining at least {@code threshold} bytes, in the order found (largest subtrees first). */
    Set<Long> find(long threshold) {
        Set<Long> points = new LinkedHashSet<>();
        Deque<Long> work = new ArrayDeque<>(dominatedAtLeast(-1, threshold));
        while (!work.isEmpty()) {
            long x = work.poll();
            if (transparent(x)) {
                work.addAll(dominatedAtLeast(x, threshold));
                continue;
            }
            long point = accumulationPoint(x);
            if (analysis.retainedBytes(point) >= threshold) {
                points.add(point);
            }
        }
        return points;
    }

    /** Whether a point is a collection by its class, or an array of references. */
    boolean isCollectionOrArray(long point) {
        return index.kind(point) == ObjectKind.OBJECT_ARRAY || ContainerNames.collection(index.typeName(point));
    }

    /**
     * The objects {@code x} (-1: the virtual root) immediately dominates that retain at least
     * {@code threshold} bytes, largest first: the root can dominate millions of small objects, so
     * they are filtered before anything is sorted.
     */
    private List<Long> dominatedAtLeast(long x, long threshold) {
        Csr tree = analysis.dominatorChildren();
        long slot = x < 0 ? index.objectCount() : x;
        List<Long> big = new ArrayList<>();
        for (long e = tree.start(slot), end = tree.end(slot); e < end; e++) {
            long c = tree.target(e);
            if (analysis.retainedBytes(c) >= threshold) {
                big.add(c);
            }
        }
        big.sort(Comparator.comparingLong((Long o) -> analysis.retainedBytes(o)).reversed().thenComparing(Comparator.naturalOrder()));
        return big;
    }

    /**
     * Down the dominator tree while one child keeps most of the memory, but not into a collection's
     * internals (a map is reported, not its table) nor along a linked structure (the head of a
     * list of nodes is reported, not a node near its tail); then up to the collection that owns
     * the internals reached.
     */
    private long accumulationPoint(long start) {
        List<Long> chain = new ArrayList<>();
        long x = start;
        chain.add(x);
        while (true) {
            long next;
            if (isCollection(x)) {
                next = elementHoldingMost(x); // a list whose one element is itself the big collection
                if (next < 0) {
                    break;
                }
            } else {
                List<Long> biggest = analysis.dominated(x, 1);
                if (biggest.isEmpty() || analysis.retainedBytes(biggest.get(0)) < DESCEND * analysis.retainedBytes(x)) {
                    break;
                }
                next = biggest.get(0);
                if (index.kind(next) == index.kind(x) && index.kind(x) != ObjectKind.CLASS
                        && index.classOf(next).index() == index.classOf(x).index()) {
                    break;
                }
            }
            x = next;
            chain.add(x);
        }
        for (int i = chain.size() - 1; i >= Math.max(0, chain.size() - 3); i--) {
            if (isCollection(chain.get(i))) {
                return chain.get(i);
            }
        }
        return x;
    }

    /** The one element of a collection, past its internals, that keeps most of it; -1 when none does. */
    private long elementHoldingMost(long collection) {
        long y = collection;
        for (int depth = 0; depth < 4; depth++) {
            List<Long> biggest = analysis.dominated(y, 1);
            if (biggest.isEmpty() || analysis.retainedBytes(biggest.get(0)) < DESCEND * analysis.retainedBytes(collection)) {
                return -1;
            }
            y = biggest.get(0);
            // A HashSet's map, a TreeSet's TreeMap: the set is what people know.
            boolean backingMap = index.typeName(collection).endsWith("Set") && index.typeName(y).endsWith("Map");
            boolean internal = backingMap || index.kind(y) == ObjectKind.OBJECT_ARRAY || ContainerNames.internals(index.typeName(y));
            if (!internal) {
                return y;
            }
        }
        return -1;
    }

    private boolean isCollection(long o) {
        if (index.kind(o) != ObjectKind.INSTANCE) {
            return false;
        }
        String type = index.typeName(o);
        // A thread's ThreadLocalMap is plumbing: the accumulation is in one of its values.
        return ContainerNames.collection(type) && !type.equals("java.lang.ThreadLocal$ThreadLocalMap");
    }

    /** Class objects, class loaders and the loaders' own lists of classes: looked through, never reported. */
    private boolean transparent(long o) {
        if (index.kind(o) == ObjectKind.CLASS || loaders.isLoader(o)) {
            return true;
        }
        long up = o;
        for (int depth = 0; depth < 3; depth++) {
            up = analysis.tree().immediateDominator(up);
            if (up < 0) {
                return false;
            }
            if (loaders.isLoader(up)) {
                return true; // e.g. ClassLoader.classes (an ArrayList) and its Object[]
            }
        }
        return false;
    }
}
