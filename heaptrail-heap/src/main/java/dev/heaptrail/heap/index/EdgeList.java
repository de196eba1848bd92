package dev.heaptrail.heap.index;

import dev.heaptrail.heap.store.NodeArray;

/**
 * References as (from, to) pairs of object numbers, appended by one reader thread: two
 * {@link Column}s, so no bound to guess up front, and only the chunks in use cost memory or disk.
 */
final class EdgeList {

    private final Column from;
    private final Column to;

    EdgeList(NodeArray.Factory arrays, long maxValue) {
        from = new Column(arrays, maxValue);
        to = new Column(arrays, maxValue);
    }

    void add(long source, long target) {
        from.add(source);
        to.add(target);
    }

    long size() {
        return from.size();
    }

    /** How many chunks hold the pairs; all but the last are full. */
    int chunkCount() {
        return from.chunkCount();
    }

    /** Pairs in chunk {@code c}. */
    int chunkSize(int c) {
        return (int) Math.min(Column.CHUNK, size() - ((long) c << Column.SHIFT));
    }

    /** One side of chunk {@code c}: {@code from} or {@code to}, for loops that walk a chunk at a time. */
    NodeArray chunk(boolean source, int c) {
        return (source ? from : to).chunk(c);
    }
}
