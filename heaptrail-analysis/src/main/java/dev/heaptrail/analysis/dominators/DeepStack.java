package dev.heaptrail.analysis.dominators;

import dev.heaptrail.heap.store.NodeArray;

import java.util.ArrayList;
import java.util.List;

/**
 * Entries of a stack that is usually shallow but can be as deep as the heap is large (a
 * ten-million-long linked list): chunks come from the array factory as the depth first reaches
 * them, so a shallow search takes one chunk of the analysis's memory, not one entry per object.
 */
public final class DeepStack {

    private static final int SHIFT = 16;
    private static final long MASK = (1L << SHIFT) - 1;

    private final NodeArray.Factory arrays;
    private final long maxValue;
    private final List<NodeArray> chunks = new ArrayList<>();

    public DeepStack(NodeArray.Factory arrays, long maxValue) {
        this.arrays = arrays;
        this.maxValue = maxValue;
    }

    public long get(long depth) {
        return chunks.get((int) (depth >>> SHIFT)).get(depth & MASK);
    }

    public void set(long depth, long value) {
        int c = (int) (depth >>> SHIFT);
        while (c >= chunks.size()) {
            chunks.add(arrays.create(1L << SHIFT, maxValue));
        }
        chunks.get(c).set(depth & MASK, value);
    }
}
