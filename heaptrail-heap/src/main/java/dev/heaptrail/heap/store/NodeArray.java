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
     * Copies entries [from, from + count) into {@code out} at its position, each as
     * {@code width} bytes (4 or 8) in the buffer's byte order: how arrays are written to files.
     * Arrays in the heap do it as one bulk copy.
     */
    default void copyTo(long from, int count, java.nio.ByteBuffer out, int width) {
        for (int i = 0; i < count; i++) {
            if (width == 4) {
                out.putInt((int) get(from + i));
            } else {
                out.putLong(get(from + i));
            }
        }
    }

    /**
     * Copies entries [0, count) into the same places of {@code to}, as growing a column does.
     * Arrays in the heap of the same kind do it as one bulk copy a chunk.
     */
    default void copyPrefixTo(NodeArray to, long count) {
        for (long i = 0; i < count; i++) {
            to.set(i, get(i));
        }
    }

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
         * Says {@code array}, made by this factory, is no longer used: a factory with a budget
         * may then give its share to later arrays. The caller must not touch it again.
         */
        default void release(NodeArray array) {}

        /**
         * Arrays in the Java heap while together they stay within {@code budgetBytes}, then from
         * {@code overflow}: heap arrays are several times faster to fill than freshly mapped
         * files, whose every first write to a page costs a fault and a file-system block.
         */
        static Factory heapFirst(long budgetBytes, Factory overflow) {
            return new Factory() {
                private long used;
                /** The heap arrays made and not released, with their bytes (weakly: one dropped unreleased stays counted). */
                private final java.util.Map<NodeArray, Long> inHeap = new java.util.WeakHashMap<>();

                // The budget is taken under the lock, the array made outside it: zeroing a chunk of
                // tens of megabytes on the thread that makes chunks ahead held up the reading
                // thread's release of a smaller one for a quarter of a second (issue 17).
                @Override
                public NodeArray create(long size, long maxValue) {
                    long bytes = size * (maxValue <= Integer.MAX_VALUE ? 4 : 8);
                    boolean fits;
                    synchronized (this) {
                        fits = used + bytes <= budgetBytes;
                        if (fits) {
                            used += bytes;
                        }
                    }
                    if (!fits) {
                        return overflow.create(size, maxValue); // a mapped file: its own lock, if any
                    }
                    NodeArray array;
                    try {
                        array = NodeArray.create(size, maxValue);
                    } catch (RuntimeException | Error e) {
                        synchronized (this) {
                            used -= bytes;
                        }
                        throw e;
                    }
                    synchronized (this) {
                        inHeap.put(array, bytes);
                    }
                    return array;
                }

                @Override
                public synchronized void release(NodeArray array) {
                    Long bytes = inHeap.remove(array);
                    if (bytes != null) {
                        used -= bytes;
                    } else {
                        overflow.release(array);
                    }
                }
            };
        }
    }
}
