package dev.heaptrail.heap.store;

import java.nio.ByteBuffer;

/**
 * The chunking that {@link IntNodeArray} and {@link LongNodeArray} share: 2^shift entries a chunk,
 * so an array is not limited to 2^31 entries. Reads and writes stay in the final subclasses, each
 * on its own primitive type: they are the hot path of the dominator search.
 */
abstract sealed class ChunkedNodeArray implements NodeArray permits IntNodeArray, LongNodeArray {

    final int shift;
    final long mask;
    private final long size;

    ChunkedNodeArray(long size, int shift) {
        this.size = size;
        this.shift = shift;
        this.mask = (1L << shift) - 1;
    }

    @Override
    public final long size() {
        return size;
    }

    final int chunkCount() {
        return (int) ((size + mask) >>> shift);
    }

    /** The entries of chunk {@code i}: 2^shift, fewer in the last. */
    final int chunkLength(int i) {
        return (int) Math.min(size - ((long) i << shift), 1L << shift);
    }

    /** Chunk {@code chunk}'s primitive array ({@code int[]} or {@code long[]}), for bulk copies. */
    abstract Object chunkArray(int chunk);

    @Override
    public final void copyPrefixTo(NodeArray to, long count) {
        if (!(to instanceof ChunkedNodeArray other) || other.getClass() != getClass() || other.shift != shift) {
            NodeArray.super.copyPrefixTo(to, count);
            return;
        }
        for (int c = 0; count > 0; c++) {
            int n = (int) Math.min(count, chunkLength(c));
            System.arraycopy(chunkArray(c), 0, other.chunkArray(c), 0, n);
            count -= n;
        }
    }

    /** Bytes per entry when copied whole: 4 or 8. */
    abstract int width();

    /** Puts {@code n} entries of chunk {@code chunk} from {@code at} into {@code out} at its position, without moving it. */
    abstract void put(int chunk, int at, int n, ByteBuffer out);

    @Override
    public final void copyTo(long from, int count, ByteBuffer out, int width) {
        if (width != width()) {
            NodeArray.super.copyTo(from, count, out, width);
            return;
        }
        while (count > 0) {
            int c = (int) (from >>> shift);
            int at = (int) (from & mask);
            int n = Math.min(count, chunkLength(c) - at);
            put(c, at, n, out);
            out.position(out.position() + n * width);
            from += n;
            count -= n;
        }
    }
}
