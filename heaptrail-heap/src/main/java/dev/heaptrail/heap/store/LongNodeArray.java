package dev.heaptrail.heap.store;

/** {@link NodeArray} of longs in chunks of 2^26 entries, for dumps of more than 2^31 objects. */
public final class LongNodeArray implements NodeArray {

    private static final int DEFAULT_SHIFT = 26;

    private final int shift;
    private final long mask;

    private final long[][] chunks;
    private final long size;

    public LongNodeArray(long size) {
        this(size, DEFAULT_SHIFT);
    }

    /** With chunks of 2^shift entries; small shifts let tests cross chunk borders cheaply. */
    LongNodeArray(long size, int shift) {
        this.size = size;
        this.shift = shift;
        this.mask = (1L << shift) - 1;
        int n = (int) ((size + mask) >>> shift);
        chunks = new long[n][];
        for (int i = 0; i < n; i++) {
            long left = size - ((long) i << shift);
            chunks[i] = new long[(int) Math.min(left, 1L << shift)];
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
        chunks[(int) (index >>> shift)][(int) (index & mask)] = value;
    }

    @Override
    public void copyTo(long from, int count, java.nio.ByteBuffer out, int width) {
        if (width != 8) {
            NodeArray.super.copyTo(from, count, out, width);
            return;
        }
        while (count > 0) {
            int c = (int) (from >>> shift);
            int at = (int) (from & mask);
            int n = Math.min(count, chunks[c].length - at);
            out.asLongBuffer().put(chunks[c], at, n);
            out.position(out.position() + n * 8);
            from += n;
            count -= n;
        }
    }
}
