package dev.heaptrail.heap.store;

/**
 * A fixed-size array of object numbers (or other non-negative values below the object count),
 * indexed by long so that no part of heaptrail caps a dump at 2^31 objects. Implementations
 * store 4 bytes an entry while the values fit, 8 beyond. Not thread-safe.
 */
public interface NodeArray {

    long size();

    long get(long index);

    void set(long index, long value);

    /**
     * An array of {@code size} entries, all 0, able to hold values up to {@code maxValue}: ints
     * when they fit (the common case, half the memory), longs otherwise.
     */
    static NodeArray create(long size, long maxValue) {
        return maxValue <= Integer.MAX_VALUE ? new IntNodeArray(size) : new LongNodeArray(size);
    }

    /** Makes the arrays an algorithm needs; {@link #create} is the usual choice. */
    @FunctionalInterface
    interface Factory {
        Factory DEFAULT = NodeArray::create;

        NodeArray create(long size, long maxValue);
    }
}
