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
    public void copyPrefixTo(NodeArray to, long count) {
        if (!(to instanceof IntNodeArray other) || other.shift != shift) {
            super.copyPrefixTo(to, count);
            return;
        }
        for (int c = 0; count > 0; c++) {
            int n = (int) Math.min(count, chunks[c].length);
            System.arraycopy(chunks[c], 0, other.chunks[c], 0, n);
            count -= n;
        }
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
