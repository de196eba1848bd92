package dev.heaptrail.analysis.paths;

import dev.heaptrail.heap.index.GcRootEntry;
import dev.heaptrail.heap.index.HeapIndex;
import dev.heaptrail.heap.store.NodeArray;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Shortest strong paths from the GC roots: one breadth-first search from all roots at once
 * records, for every reachable object, the object it was first reached from. A path is then the
 * walk back to a root. Iterative, one queue and one parent array of the heap's object count.
 */
public final class GcRootPaths {

    private final HeapIndex index;
    /** parent + 1 for reached objects; an object's own number + 1 for roots; 0 for unreached. */
    private final NodeArray parent;

    private GcRootPaths(HeapIndex index, NodeArray parent) {
        this.index = index;
        this.parent = parent;
    }

    public static GcRootPaths of(HeapIndex index) {
        return of(index, NodeArray.Factory.DEFAULT);
    }

    public static GcRootPaths of(HeapIndex index, NodeArray.Factory arrays) {
        long n = index.objectCount();
        NodeArray parent = arrays.create(n, n);
        NodeArray queue = arrays.create(n, n);
        long tail = 0;
        long[] seen = new long[(int) ((n + 63) >>> 6)]; // asked once a reference: small enough to stay in the cache
        for (GcRootEntry r : index.gcRoots()) {
            long o = r.object();
            if ((seen[(int) (o >>> 6)] & (1L << o)) == 0) {
                seen[(int) (o >>> 6)] |= 1L << o;
                parent.set(o, o + 1);
                queue.set(tail++, o);
            }
        }
        for (long head = 0; head < tail; head++) {
            long v = queue.get(head);
            for (long e = index.outgoingStart(v), end = index.outgoingEnd(v); e < end; e++) {
                long t = index.outgoingTarget(e);
                if ((seen[(int) (t >>> 6)] & (1L << t)) == 0) {
                    seen[(int) (t >>> 6)] |= 1L << t;
                    parent.set(t, v + 1);
                    queue.set(tail++, t);
                }
            }
        }
        return new GcRootPaths(index, parent);
    }

    public boolean isReachable(long object) {
        return parent.get(object) != 0;
    }

    /** The objects from a GC root down to {@code object}, root first; empty when no root reaches it. */
    public List<Long> pathTo(long object) {
        List<Long> path = new ArrayList<>();
        if (!isReachable(object)) {
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
}
