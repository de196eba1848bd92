package dev.heaptrail.heap.store;

import java.nio.ByteBuffer;

/** {@link NodeArray} of ints in chunks of 2^27 entries, so its size is not limited to 2^31. */
public final class IntNodeArray extends ChunkedNodeArray {

    private static final int DEFAULT_SHIFT = 27;

    private final int[][] chunks;
    /**
     * The only chunk, when there is one (the common case): its reads and writes skip the chunk
     * arithmetic, which made the semidominators' chains of dependent reads take half as long again.
     */
    private final int[] flat;

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
        flat = chunks.length == 1 ? chunks[0] : null;
    }

    @Override
    public long get(long index) {
        int[] f = flat;
        if (f != null && (index >>> 31) == 0) { // past 2^31 the int cast would wrap: the chunks' path throws
            return f[(int) index];
        }
        java.util.Objects.checkIndex(index, size()); // the shift and the int casts below would wrap some
        return chunks[(int) (index >>> shift)][(int) (index & mask)];
    }

    @Override
    public void set(long index, long value) {
        int[] f = flat;
        if (f != null && (index >>> 31) == 0) {
            f[(int) index] = (int) value;
            return;
        }
        java.util.Objects.checkIndex(index, size());
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
