package dev.heaptrail.analysis.dominators;

import dev.heaptrail.heap.store.NodeArray;

import java.util.ArrayList;
import java.util.List;

/**
 * Entries of a stack that is usually shallow but can be as deep as the heap is large (a
 * ten-million-long linked list): chunks come from the array factory as the depth first reaches
 * them, so a shallow search takes one chunk of the analysis's memory, not one entry per object;
 * and the first chunk starts at a thousand entries and doubles.
 */
public final class DeepStack {

    private static final int SHIFT = 16;
    private static final long MASK = (1L << SHIFT) - 1;
    private static final long CHUNK = 1L << SHIFT;
    /** The first chunk's size at first: a small heap's search asks for a few KB, not a chunk. */
    private static final long FIRST = 1 << 10;

    private final NodeArray.Factory arrays;
    private final long maxValue;
    private final List<NodeArray> chunks = new ArrayList<>();
    /** The first chunk and its size: most searches never leave it, and reads there skip the list. */
    private NodeArray first;
    private long firstSize;

    public DeepStack(NodeArray.Factory arrays, long maxValue) {
        this.arrays = arrays;
        this.maxValue = maxValue;
    }

    public long get(long depth) {
        if (depth < firstSize) {
            return first.get(depth);
        }
        return chunks.get((int) (depth >>> SHIFT)).get(depth & MASK);
    }

    public void set(long depth, long value) {
        if (depth < firstSize) {
            first.set(depth, value);
            return;
        }
        int c = (int) (depth >>> SHIFT);
        int at = (int) (depth & MASK);
        while (c >= chunks.size()) {
            if (chunks.size() == 1) {
                grownFirst(CHUNK); // only the last chunk may be short
            }
            chunks.add(arrays.create(chunks.isEmpty() ? FIRST : CHUNK, maxValue));
        }
        NodeArray chunk = chunks.get(c);
        if (at >= chunk.size()) {
            chunk = grownFirst(Math.min(CHUNK, Math.max(2 * chunk.size(), at + 1L)));
        }
        first = chunks.get(0);
        firstSize = first.size();
        chunk.set(at, value);
    }

    /** The first chunk, copied into one of {@code size} entries (it alone starts small, and doubles). */
    private NodeArray grownFirst(long size) {
        NodeArray small = chunks.get(0);
        if (small.size() >= size) {
            return small;
        }
        NodeArray bigger = arrays.create(size, maxValue);
        for (long i = 0; i < small.size(); i++) {
            bigger.set(i, small.get(i));
        }
        arrays.release(small);
        chunks.set(0, bigger);
        return bigger;
    }
}
