package dev.heaptrail.heap.store;

/** {@link NodeArray} of ints in chunks of 2^27 entries, so its size is not limited to 2^31. */
public final class IntNodeArray implements NodeArray {

    private static final int DEFAULT_SHIFT = 27;

    private final int shift;
    private final long mask;

    private final int[][] chunks;
    private final long size;

    public IntNodeArray(long size) {
        this(size, DEFAULT_SHIFT);
    }

    /** With chunks of 2^shift entries; small shifts let tests cross chunk borders cheaply. */
    IntNodeArray(long size, int shift) {
        this.size = size;
        this.shift = shift;
        this.mask = (1L << shift) - 1;
        int n = (int) ((size + mask) >>> shift);
        chunks = new int[n][];
        for (int i = 0; i < n; i++) {
            long left = size - ((long) i << shift);
            chunks[i] = new int[(int) Math.min(left, 1L << shift)];
        }
    }

    @Override
    public long size() {
        return size;
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
    public void copyTo(long from, int count, java.nio.ByteBuffer out, int width) {
        if (width != 4) {
            NodeArray.super.copyTo(from, count, out, width);
            return;
        }
        while (count > 0) {
            int c = (int) (from >>> shift);
            int at = (int) (from & mask);
            int n = Math.min(count, chunks[c].length - at);
            out.asIntBuffer().put(chunks[c], at, n);
            out.position(out.position() + n * 4);
            from += n;
            count -= n;
        }
    }
}
