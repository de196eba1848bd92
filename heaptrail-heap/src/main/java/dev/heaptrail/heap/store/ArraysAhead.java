package dev.heaptrail.heap.store;

import dev.heaptrail.heap.internal.Background;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Makes arrays of one size on another thread before they are asked for: a column that grows a
 * chunk at a time asks for the next chunk while the pass reading the dump waits, and a fresh
 * chunk costs its pages' first touch (the kernel zeroing them, and on a virtual machine the host
 * backing them), often more than filling it. Made here, that cost goes to the second core, which
 * sits mostly idle during the read. Each array of that size asked for starts the next of its
 * width; those still unused at {@link #close} go back to the factory. Arrays of other sizes are
 * made as asked. The made-ahead arrays count against the factory's budget meanwhile. Not
 * thread-safe (one reading thread asks).
 */
public final class ArraysAhead implements NodeArray.Factory, AutoCloseable {

    private final NodeArray.Factory arrays;
    private final long size;
    /** Made (or being made) ahead, by width: [0] ints, [1] longs. */
    private final Deque<Background<NodeArray>>[] ready;
    private final long[] maxValues = new long[2];

    /** Arrays of {@code size} entries come ahead from {@code arrays}; others (all, for a size below 0) straight from it. */
    @SuppressWarnings("unchecked")
    public ArraysAhead(NodeArray.Factory arrays, long size) {
        this.arrays = arrays;
        this.size = size;
        this.ready = new Deque[] {new ArrayDeque<>(), new ArrayDeque<>()};
    }

    @Override
    public NodeArray create(long size, long maxValue) {
        if (size != this.size) {
            return arrays.create(size, maxValue);
        }
        int w = maxValue <= Integer.MAX_VALUE ? 0 : 1;
        maxValues[w] = Math.max(maxValues[w], maxValue);
        NodeArray made = made(ready[w].poll());
        NodeArray array = made != null ? made : arrays.create(size, maxValue); // its failure, if any, is the caller's now
        long max = maxValues[w];
        ready[w].add(Background.start("array-ahead", () -> touched(arrays.create(size, max))));
        return array;
    }

    /**
     * The array made ahead, or null when there is none or making it failed (a full disk for a chunk
     * that may never be needed): a chunk asked for is then made as asked, and a chunk never asked
     * for fails nothing.
     */
    private static NodeArray made(Background<NodeArray> ahead) {
        if (ahead == null) {
            return null;
        }
        try {
            return ahead.join();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A mapped array's pages are written once here, so that their faults happen on this thread too. */
    private static NodeArray touched(NodeArray array) {
        if (array instanceof MappedNodeArray m) {
            long step = 4096 / m.width();
            for (long i = 0; i < m.size(); i += step) {
                m.set(i, 0);
            }
        }
        return array;
    }

    @Override
    public void release(NodeArray array) {
        arrays.release(array);
    }

    /** Hands the arrays made ahead and not asked for back to the factory. */
    @Override
    public void close() {
        for (Deque<Background<NodeArray>> d : ready) {
            for (Background<NodeArray> b : d) {
                NodeArray unused = made(b);
                if (unused != null) {
                    arrays.release(unused);
                }
            }
            d.clear();
        }
    }
}
