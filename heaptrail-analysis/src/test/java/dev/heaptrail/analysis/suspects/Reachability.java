package dev.heaptrail.analysis.suspects;

import dev.heaptrail.heap.index.GcRootEntry;
import dev.heaptrail.heap.index.HeapIndex;

import java.util.ArrayDeque;
import java.util.Set;

/** The independent check of retained sizes: what the roots reach, with and without some objects. */
final class Reachability {

    private Reachability() {}

    /** Bytes reachable from the roots by breadth-first search, never entering {@code removed}. */
    static long reachableBytes(HeapIndex index, Set<Long> removed) {
        boolean[] seen = new boolean[(int) index.objectCount()];
        ArrayDeque<Long> queue = new ArrayDeque<>();
        for (GcRootEntry r : index.gcRoots()) {
            if (!removed.contains(r.object()) && !seen[(int) r.object()]) {
                seen[(int) r.object()] = true;
                queue.add(r.object());
            }
        }
        long bytes = 0;
        while (!queue.isEmpty()) {
            long v = queue.poll();
            bytes += index.shallowSize(v);
            for (long e = index.outgoingStart(v); e < index.outgoingEnd(v); e++) {
                long t = index.outgoingTarget(e);
                if (!removed.contains(t) && !seen[(int) t]) {
                    seen[(int) t] = true;
                    queue.add(t);
                }
            }
        }
        return bytes;
    }
}
