package dev.heaptrail.analysis.suspects;

import dev.heaptrail.analysis.HeapAnalysis;
import dev.heaptrail.heap.index.GcRootEntry;
import dev.heaptrail.heap.index.HeapIndex;
import dev.heaptrail.heap.store.NodeArray;

import java.util.Collection;

/**
 * Breadth-first searches over the strong references that never enter some objects: what the GC
 * roots reach without them, and then what they alone hold. One visited bit per object and one
 * queue of the heap's size serve all searches, so nothing is counted twice.
 */
final class BlockedSearch {

    private final HeapAnalysis analysis;
    private final HeapIndex index;
    private final long[] seen;
    private final NodeArray queue;
    private long tail;

    /** A search in which {@code blocked} are never entered. */
    BlockedSearch(HeapAnalysis analysis, Collection<Long> blocked) {
        this.analysis = analysis;
        this.index = analysis.index();
        long n = index.objectCount();
        this.seen = new long[(int) ((n + 63) >>> 6)];
        this.queue = analysis.arrays().create(Math.max(1, n), n);
        for (long o : blocked) {
            mark(o);
        }
    }

    /** The bytes the GC roots reach. */
    long fromRoots() {
        long start = tail;
        for (GcRootEntry r : index.gcRoots()) {
            enqueue(r.object());
        }
        return spread(start)[0];
    }

    /**
     * The bytes {@code object} reaches that no search before reached, and of those the bytes the GC
     * roots do not reach strongly; {0, 0} when it was reached before or is blocked.
     */
    long[] from(long object) {
        long start = tail;
        enqueue(object);
        return spread(start);
    }

    boolean reached(long o) {
        return (seen[(int) (o >>> 6)] & (1L << o)) != 0;
    }

    private void enqueue(long o) {
        if (!reached(o)) {
            mark(o);
            queue.set(tail++, o);
        }
    }

    private void mark(long o) {
        seen[(int) (o >>> 6)] |= 1L << o;
    }

    private long[] spread(long head) {
        long bytes = 0;
        long outside = 0;
        for (; head < tail; head++) {
            long v = queue.get(head);
            bytes += index.shallowSize(v);
            if (!analysis.tree().isReachable(v)) {
                outside += index.shallowSize(v);
            }
            for (long e = index.outgoingStart(v), end = index.outgoingEnd(v); e < end; e++) {
                enqueue(index.outgoingTarget(e));
            }
        }
        return new long[] {bytes, outside};
    }
}
