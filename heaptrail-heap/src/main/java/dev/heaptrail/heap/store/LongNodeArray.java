package dev.heaptrail.heap.store;

import java.nio.ByteBuffer;

/** {@link NodeArray} of longs in chunks of 2^26 entries, for dumps of more than 2^31 objects. */
public final class LongNodeArray extends ChunkedNodeArray {

    private static final int DEFAULT_SHIFT = 26;

    private final long[][] chunks;
    /**
     * The only chunk, when there is one (the common case): its reads and writes skip the chunk
     * arithmetic, which made the semidominators' chains of dependent reads take half as long again.
     */
    private final long[] flat;

    public LongNodeArray(long size) {
        this(size, DEFAULT_SHIFT);
    }

    /** With chunks of 2^shift entries; small shifts let tests cross chunk borders cheaply. */
    LongNodeArray(long size, int shift) {
        super(size, shift);
        chunks = new long[chunkCount()][];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = new long[chunkLength(i)];
        }
        flat = chunks.length == 1 ? chunks[0] : null;
    }

    @Override
    public long get(long index) {
        long[] f = flat;
        if (f != null && (index >>> 31) == 0) { // past 2^31 the int cast would wrap: the chunks' path throws
            return f[(int) index];
        }
        java.util.Objects.checkIndex(index, size()); // the shift and the int casts below would wrap some
        return chunks[(int) (index >>> shift)][(int) (index & mask)];
    }

    @Override
    public void set(long index, long value) {
        long[] f = flat;
        if (f != null && (index >>> 31) == 0) {
            f[(int) index] = value;
            return;
        }
        java.util.Objects.checkIndex(index, size());
        chunks[(int) (index >>> shift)][(int) (index & mask)] = value;
    }

    @Override
    Object chunkArray(int chunk) {
        return chunks[chunk];
    }

    @Override
    int width() {
        return 8;
    }

    @Override
    void put(int chunk, int at, int n, ByteBuffer out) {
        out.asLongBuffer().put(chunks[chunk], at, n);
    }
}
