package dev.heaptrail.heap.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A {@link NodeArray} in a memory-mapped file: the operating system pages it in and out, so the
 * array can be larger than the Java heap. Entries are 4 or 8 bytes; the file is mapped in chunks
 * of up to 1 GiB (a mapping is limited to 2 GiB).
 */
public final class MappedNodeArray implements NodeArray {

    private static final int CHUNK_SHIFT = 30;
    private static final long CHUNK_MASK = (1L << CHUNK_SHIFT) - 1;

    private final long size;
    private final int width;
    private final MappedByteBuffer[] chunks;

    /** Creates (or truncates) {@code file} to hold {@code size} entries of {@code width} bytes (4 or 8), all 0. */
    public MappedNodeArray(Path file, long size, int width) throws IOException {
        if (width != 4 && width != 8) {
            throw new IllegalArgumentException("width " + width);
        }
        this.size = size;
        this.width = width;
        long bytes = Math.max(1, size * width);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            int n = (int) ((bytes + CHUNK_MASK) >>> CHUNK_SHIFT);
            chunks = new MappedByteBuffer[n];
            for (int i = 0; i < n; i++) {
                long start = (long) i << CHUNK_SHIFT;
                chunks[i] = ch.map(FileChannel.MapMode.READ_WRITE, start, Math.min(1L << CHUNK_SHIFT, bytes - start));
            }
        }
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public long get(long index) {
        long at = index * width;
        MappedByteBuffer b = chunks[(int) (at >>> CHUNK_SHIFT)];
        int off = (int) (at & CHUNK_MASK);
        return width == 4 ? b.getInt(off) : b.getLong(off);
    }

    @Override
    public void set(long index, long value) {
        long at = index * width;
        MappedByteBuffer b = chunks[(int) (at >>> CHUNK_SHIFT)];
        int off = (int) (at & CHUNK_MASK);
        if (width == 4) {
            b.putInt(off, (int) value);
        } else {
            b.putLong(off, value);
        }
    }

    /**
     * A factory that puts every array in its own file under {@code dir} (created if needed), 4
     * bytes an entry while the values fit. The files are deleted when the JVM exits.
     */
    public static NodeArray.Factory in(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new NodeArray.Factory() {
            private int count;

            @Override
            public synchronized NodeArray create(long size, long maxValue) {
                Path file = dir.resolve("array-" + (count++) + ".bin");
                file.toFile().deleteOnExit();
                try {
                    return new MappedNodeArray(file, size, maxValue <= Integer.MAX_VALUE ? 4 : 8);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create index file " + file + ": " + e.getMessage(), e);
                }
            }
        };
    }
}
