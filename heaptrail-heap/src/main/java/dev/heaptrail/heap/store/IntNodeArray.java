package dev.heaptrail.heap.store;

import java.nio.ByteBuffer;

/** {@link NodeArray} of ints in chunks of 2^27 entries, so its size is not limited to 2^31. */
public final class IntNodeArray extends ChunkedNodeArray {

    private static final int DEFAULT_SHIFT = 27;

    private final int[][] chunks;

    public IntNodeArray(long size) {
        this(size, DEFAULT_SHIFT);
    }

    /** With chunks of 2^shift entries; small shifts let tests cross chunk borders cheaply. */
    IntNodeArray(long size, int shift) {
        super(size, shift);
        chunks = new int[chunkCount()][];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = new int[chunkLength(i)];
        }
    }

    @Override
    public long get(long index) {
        return chunks[(int) (index >>> shift)][(int) (index & mask)];
    }

    @Override
    public void set(long index, long value) {
        chunks[(int) (index >>> shift)][(int) (index & mask)] = (int) value;
    }

    @Override
    Object chunkArray(int chunk) {
        return chunks[chunk];
    }

    @Override
    int width() {
        return 4;
    }

    @Override
    void put(int chunk, int at, int n, ByteBuffer out) {
        out.asIntBuffer().put(chunks[chunk], at, n);
    }
}
