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

        /**
         * Arrays in the Java heap while together they stay within {@code budgetBytes}, then from
         * {@code overflow}: heap arrays are several times faster to fill than freshly mapped
         * files, whose every first write to a page costs a fault and a file-system block.
         */
        static Factory heapFirst(long budgetBytes, Factory overflow) {
            return new Factory() {
                private long used;

                @Override
                public synchronized NodeArray create(long size, long maxValue) {
                    long bytes = size * (maxValue <= Integer.MAX_VALUE ? 4 : 8);
                    if (used + bytes <= budgetBytes) {
                        used += bytes;
                        return NodeArray.create(size, maxValue);
                    }
                    return overflow.create(size, maxValue);
                }
            };
        }
    }
}
