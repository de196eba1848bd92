package dev.heaptrail.heap.index;

import dev.heaptrail.heap.store.NodeArray;

import java.util.Arrays;

/**
 * A {@link NodeArray} appended to one value at a time while the count is still unknown (one per
 * object as a dump is read), in chunks made by an array factory: no bound to guess, and only the
 * chunks written cost memory or disk. Loops that read it all go a chunk at a time
 * ({@link #chunk}), so each chunk's reads are calls on one concrete array.
 */
final class Column implements NodeArray {

    static final int SHIFT = 22;
    static final int CHUNK = 1 << SHIFT;
    private static final long MASK = CHUNK - 1;
    static final int FIRST = 1 << 12;

    private final NodeArray.Factory arrays;
    private final long maxValue;
    private NodeArray[] chunks = new NodeArray[0];
    private NodeArray last;
    /** Entries {@link #last} holds: the hot append compares with a field, not a call. */
    private int lastSize;
    private long size;

    Column(NodeArray.Factory arrays, long maxValue) {
        this.arrays = arrays;
        this.maxValue = maxValue;
    }

    void add(long value) {
        int at = (int) (size & MASK);
        if (at == lastSize || at == 0) {
            grow();
        }
        last.set(at, value);
        size++;
    }

    private void grow() {
        if (chunks.length == 1 && last.size() < CHUNK) {
            chunks[0] = doubled(arrays, last, (int) size, maxValue);
        } else {
            chunks = Arrays.copyOf(chunks, chunks.length + 1);
            chunks[chunks.length - 1] = arrays.create(chunks.length == 1 ? FIRST : CHUNK, maxValue);
        }
        last = chunks[chunks.length - 1];
        lastSize = (int) last.size();
    }

    /** A chunk of twice the size (at most {@link #CHUNK}) holding the first {@code used} entries of {@code small}, which goes back to the factory. */
    static NodeArray doubled(NodeArray.Factory arrays, NodeArray small, int used, long maxValue) {
        NodeArray bigger = arrays.create(Math.min(CHUNK, 2 * small.size()), maxValue);
        small.copyPrefixTo(bigger, used);
        arrays.release(small);
        return bigger;
    }

    @Override
    public long get(long i) {
        return chunks[(int) (i >>> SHIFT)].get(i & MASK);
    }

    @Override
    public void set(long i, long value) {
        chunks[(int) (i >>> SHIFT)].set(i & MASK, value);
    }

    @Override
    public void copyTo(long from, int count, java.nio.ByteBuffer out, int width) {
        while (count > 0) {
            int c = (int) (from >>> SHIFT);
            int at = (int) (from & MASK);
            int n = Math.min(count, CHUNK - at);
            chunks[c].copyTo(at, n, out, width);
            from += n;
            count -= n;
        }
    }

    @Override
    public long size() {
        return size;
    }

    int chunkCount() {
        return chunks.length;
    }

    /** Chunk {@code c}: entries {@code c << SHIFT} on; the last is used up to {@link #size}. */
    NodeArray chunk(int c) {
        return chunks[c];
    }

    /** Hands the chunks back to the factory; the column must not be read again. */
    void release() {
        for (NodeArray c : chunks) {
            arrays.release(c);
        }
        chunks = new NodeArray[0];
        last = null;
        lastSize = 0;
    }
}
