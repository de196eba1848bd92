package dev.heaptrail.analysis.paths;

import dev.heaptrail.heap.index.GcRootEntry;
import dev.heaptrail.heap.index.HeapIndex;
import dev.heaptrail.heap.store.NodeArray;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Shortest strong paths from the GC roots: a breadth-first search from all roots at once records,
 * for every object it reaches, the object it was first reached from; a path is the walk back to a
 * root. The search goes only as far as the questions asked need: a suspect a few references from
 * a static field is answered after a sliver of the heap (on a 15-million-object session cache, a
 * full search took three seconds of a core), and a later question resumes it where it stopped. It
 * visits in the same order either way, so every answer is the one a full search would give.
 * Iterative, one queue and one parent array of the heap's object count. Thread-safe.
 */
public final class GcRootPaths {

    private final HeapIndex index;
    private final NodeArray.Factory arrays;
    /** parent + 1 for reached objects; an object's own number + 1 for roots; 0 for unreached. */
    private final NodeArray parent;
    /** Reached objects in the order reached; released (null) once the search has reached all it can. */
    private NodeArray queue;
    private long head;
    private long tail;
    private final long[] seen; // asked once a reference: small enough to stay in the cache

    private GcRootPaths(HeapIndex index, NodeArray.Factory arrays) {
        this.index = index;
        this.arrays = arrays;
        long n = index.objectCount();
        parent = arrays.create(n, n);
        queue = arrays.create(n, n);
        seen = new long[(int) ((n + 63) >>> 6)];
        for (GcRootEntry r : index.gcRoots()) {
            long o = r.object();
            if (!seen(o)) {
                see(o);
                parent.set(o, o + 1);
                queue.set(tail++, o);
            }
        }
    }

    public static GcRootPaths of(HeapIndex index) {
        return of(index, NodeArray.Factory.DEFAULT);
    }

    /** The paths of {@code index}, searched on request; the arrays come from {@code arrays}. */
    public static GcRootPaths of(HeapIndex index, NodeArray.Factory arrays) {
        return new GcRootPaths(index, arrays);
    }

    private boolean seen(long o) {
        return (seen[(int) (o >>> 6)] & (1L << o)) != 0;
    }

    private void see(long o) {
        seen[(int) (o >>> 6)] |= 1L << o;
    }

    /** Goes on with the search until it reaches {@code object} or all it can; says whether it reached it. */
    private boolean searchTo(long object) {
        if (seen(object)) {
            return true;
        }
        while (head < tail) {
            long v = queue.get(head++);
            for (long e = index.outgoingStart(v), end = index.outgoingEnd(v); e < end; e++) {
                long t = index.outgoingTarget(e);
                if (!seen(t)) {
                    see(t);
                    parent.set(t, v + 1);
                    queue.set(tail++, t);
                }
            }
            if (seen(object)) {
                return true;
            }
        }
        if (queue != null) {
            arrays.release(queue);
            queue = null;
        }
        return false;
    }

    public synchronized boolean isReachable(long object) {
        return searchTo(object);
    }

    /** The objects from a GC root down to {@code object}, root first; empty when no root reaches it. */
    public synchronized List<Long> pathTo(long object) {
        List<Long> path = new ArrayList<>();
        if (!searchTo(object)) {
            return path;
        }
        long v = object;
        while (true) {
            path.add(v);
            long p = parent.get(v) - 1;
            if (p == v || path.size() > index.objectCount()) {
                break;
            }
            v = p;
        }
        Collections.reverse(path);
        return path;
    }

    /** How many objects the search has expanded so far (all reachable ones once a question needed them all). */
    public synchronized long objectsSearched() {
        return head;
    }
}
