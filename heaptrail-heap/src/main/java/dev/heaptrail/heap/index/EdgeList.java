package dev.heaptrail.heap.index;

import dev.heaptrail.heap.store.NodeArray;

import java.util.ArrayList;
import java.util.List;

/**
 * References as (from, to) pairs of object numbers, appended by one reader thread, in chunks
 * made by the index's array factory as the list grows: no bound to guess up front, and only the
 * chunks in use cost memory or disk.
 */
final class EdgeList {

    private static final int SHIFT = 22;
    private static final int CHUNK = 1 << SHIFT;
    private static final long MASK = CHUNK - 1;

    private final NodeArray.Factory arrays;
    private final long maxValue;
    private final List<NodeArray> from = new ArrayList<>();
    private final List<NodeArray> to = new ArrayList<>();
    private NodeArray lastFrom;
    private NodeArray lastTo;
    private long size;

    EdgeList(NodeArray.Factory arrays, long maxValue) {
        this.arrays = arrays;
        this.maxValue = maxValue;
    }

    void add(long source, long target) {
        int at = (int) (size & MASK);
        if (at == 0) {
            lastFrom = arrays.create(CHUNK, maxValue);
            lastTo = arrays.create(CHUNK, maxValue);
            from.add(lastFrom);
            to.add(lastTo);
        }
        lastFrom.set(at, source);
        lastTo.set(at, target);
        size++;
    }

    long size() {
        return size;
    }

    /** How many chunks hold the pairs; all but the last are full. */
    int chunkCount() {
        return from.size();
    }

    /** Pairs in chunk {@code c}. */
    int chunkSize(int c) {
        return c < from.size() - 1 ? CHUNK : (int) (size - ((long) c << SHIFT));
    }

    /** One side of chunk {@code c}: {@code from} or {@code to}, for loops that walk a chunk at a time. */
    NodeArray chunk(boolean source, int c) {
        return source ? from.get(c) : to.get(c);
    }
}
