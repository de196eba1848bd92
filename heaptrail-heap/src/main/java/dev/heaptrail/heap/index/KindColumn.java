package dev.heaptrail.heap.index;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.zip.Checksum;

/**
 * Each object's {@link ObjectKind} ordinal, a byte an object, in chunks of 4 MiB: sized up front,
 * or appended to while the count is unknown, copying no more than the first chunk as it doubles
 * (a big array grown and then trimmed would need twice its size at once, and this one lives in the heap).
 */
final class KindColumn {

    private static final int SHIFT = 22;
    private static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;

    private byte[][] chunks;
    private long size;

    private KindColumn(byte[][] chunks, long size) {
        this.chunks = chunks;
        this.size = size;
    }

    /** An empty column, for appending. */
    KindColumn() {
        this(new byte[0][], 0);
    }

    /** A column of {@code size} entries, all 0. */
    static KindColumn ofSize(long size) {
        int n = (int) ((size + MASK) >>> SHIFT);
        byte[][] chunks = new byte[n][];
        for (int i = 0; i < n; i++) {
            chunks[i] = new byte[(int) Math.min(CHUNK, size - ((long) i << SHIFT))];
        }
        return new KindColumn(chunks, size);
    }

    void add(byte kind) {
        int at = (int) (size & MASK);
        if (at == 0 || at == chunks[chunks.length - 1].length) {
            if (chunks.length == 1 && at > 0) {
                chunks[0] = Arrays.copyOf(chunks[0], Math.min(CHUNK, 2 * at)); // the first chunk doubles, as a Column's
            } else {
                chunks = Arrays.copyOf(chunks, chunks.length + 1);
                chunks[chunks.length - 1] = new byte[chunks.length == 1 ? Column.FIRST : CHUNK];
            }
        }
        chunks[chunks.length - 1][at] = kind;
        size++;
    }

    byte get(long i) {
        return chunks[(int) (i >>> SHIFT)][(int) (i & MASK)];
    }

    void set(long i, byte kind) {
        chunks[(int) (i >>> SHIFT)][(int) (i & MASK)] = kind;
    }

    long size() {
        return size;
    }

    /** Writes the {@link #size} bytes, adding them to {@code checksum}. */
    void writeTo(OutputStream out, Checksum checksum) throws IOException {
        long left = size;
        for (int i = 0; left > 0; i++) {
            int n = (int) Math.min(left, chunks[i].length);
            out.write(chunks[i], 0, n);
            checksum.update(chunks[i], 0, n);
            left -= n;
        }
    }

    /** Reads {@code size} bytes, adding them to {@code checksum}. */
    static KindColumn read(InputStream in, long size, Checksum checksum) throws IOException {
        KindColumn column = ofSize(size);
        for (byte[] chunk : column.chunks) {
            if (in.readNBytes(chunk, 0, chunk.length) != chunk.length) {
                throw new IOException("kinds.bin is short");
            }
            checksum.update(chunk, 0, chunk.length);
        }
        return column;
    }
}
