package dev.heaptrail.heap.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
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
    /** The first mapping, and log2 of the entries it can hold: reads there skip the chunk arithmetic. */
    private final MappedByteBuffer first;
    private final int firstShift;
    private final int widthShift;
    private final Path file;

    /** Creates (or truncates) {@code file} to hold {@code size} entries of {@code width} bytes (4 or 8), all 0. */
    public MappedNodeArray(Path file, long size, int width) throws IOException {
        this(file, size, width, true);
    }

    /** Maps an existing array file, which must hold exactly {@code size} entries of {@code width} bytes. */
    public static MappedNodeArray open(Path file, long size, int width) throws IOException {
        long expected = Math.max(1, size * width);
        if (Files.size(file) != expected) {
            throw new IOException(file + " holds " + Files.size(file) + " bytes, not " + expected);
        }
        return new MappedNodeArray(file, size, width, false);
    }

    private MappedNodeArray(Path file, long size, int width, boolean create) throws IOException {
        if (width != 4 && width != 8) {
            throw new IllegalArgumentException("width " + width);
        }
        this.size = size;
        this.width = width;
        this.file = file;
        long bytes = Math.max(1, size * width);
        var options = create
                ? new StandardOpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.READ, StandardOpenOption.WRITE}
                : new StandardOpenOption[] {StandardOpenOption.READ, StandardOpenOption.WRITE};
        try (FileChannel ch = FileChannel.open(file, options)) {
            int n = (int) ((bytes + CHUNK_MASK) >>> CHUNK_SHIFT);
            chunks = new MappedByteBuffer[n];
            for (int i = 0; i < n; i++) {
                long start = (long) i << CHUNK_SHIFT;
                chunks[i] = ch.map(FileChannel.MapMode.READ_WRITE, start, Math.min(1L << CHUNK_SHIFT, bytes - start));
                chunks[i].order(ByteOrder.nativeOrder()); // no byte swapping on the hot path; the index never leaves this machine
            }
        }
        first = chunks[0];
        widthShift = width == 4 ? 2 : 3;
        firstShift = CHUNK_SHIFT - widthShift;
    }

    @Override
    public long size() {
        return size;
    }

    /** Bytes an entry: 4 or 8. */
    public int width() {
        return width;
    }

    public Path file() {
        return file;
    }

    /** Writes the mapped pages back to the file (does I/O). */
    public void force() {
        for (MappedByteBuffer b : chunks) {
            b.force();
        }
    }

    /** A CRC-32C of the array's bytes (reads every page). */
    public long checksum() {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        for (MappedByteBuffer b : chunks) {
            crc.update(b.duplicate().clear());
        }
        return crc.getValue();
    }

    @Override
    public long get(long index) {
        if ((index >>> firstShift) == 0) { // past the array's size the buffer's own check throws
            int off = (int) index << widthShift;
            return widthShift == 2 ? first.getInt(off) : first.getLong(off);
        }
        java.util.Objects.checkIndex(index, size); // the shift and the int casts below would wrap some
        long at = index * width;
        MappedByteBuffer b = chunks[(int) (at >>> CHUNK_SHIFT)];
        int off = (int) (at & CHUNK_MASK);
        return width == 4 ? b.getInt(off) : b.getLong(off);
    }

    @Override
    public void set(long index, long value) {
        if ((index >>> firstShift) == 0) {
            int off = (int) index << widthShift;
            if (widthShift == 2) {
                first.putInt(off, (int) value);
            } else {
                first.putLong(off, value);
            }
            return;
        }
        java.util.Objects.checkIndex(index, size);
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
     * A factory that puts every array in its own file, in a folder of this run's own under
     * {@code dir} (so that two runs on one dump do not share files), 4 bytes an entry while the
     * values fit. The files are deleted when the JVM exits; a run killed before that leaves them to
     * the next one, which removes the folders of processes that are gone ({@link RunFolders}). Refuses, with an
     * {@link UncheckedIOException} naming the folder, to map more than the disk has free: a write
     * to a mapped page past a full disk would crash the JVM.
     *
     * @throws UncheckedIOException when the folder cannot be created
     */
    public static NodeArray.Factory in(Path dir) {
        Path run;
        try {
            RunFolders.createPrivate(dir);
            RunFolders.removeAbandoned(dir);
            run = newRunFolder(dir);
        } catch (IOException e) {
            String why = e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                    : e instanceof java.nio.file.FileSystemException ? e.getClass().getSimpleName().replace("Exception", "")
                    : e.getMessage();
            throw new UncheckedIOException("cannot create the index folder " + dir + ": " + why
                    + " (choose another with --index-dir, or use --in-heap)", e);
        }
        run.toFile().deleteOnExit(); // registered before its files, so deleted after them
        return new NodeArray.Factory() {
            private int count;
            private long mapped;

            @Override
            public synchronized NodeArray create(long size, long maxValue) {
                Path file = run.resolve("array-" + (count++) + ".bin");
                int width = maxValue <= Integer.MAX_VALUE ? 4 : 8;
                try {
                    long free = Files.getFileStore(run).getUsableSpace();
                    mapped += size * width;
                    if (mapped > free + (64L << 20)) {
                        throw new IOException("the index needs more than the " + (free >> 20) + " MiB free there"
                                + " (use --index-dir on a larger disk, or --in-heap with a larger -Xmx)");
                    }
                    file.toFile().deleteOnExit();
                    return new MappedNodeArray(file, size, width);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create index file " + file + ": " + e.getMessage(), e);
                }
            }
        };
    }

    /**
     * A folder no other run uses, named by process, its start and the time (Files.createTempDirectory would seed
     * a SecureRandom for the name: a few hundredths of a second of every command's start-up).
     */
    private static Path newRunFolder(Path dir) throws IOException {
        String base = RunFolders.prefix() + "-" + Long.toHexString(System.nanoTime());
        for (int i = 0; ; i++) {
            try {
                return RunFolders.createPrivateFolder(dir.resolve(i == 0 ? base : base + "-" + i));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (i >= 100) {
                    throw e;
                }
            }
        }
    }
}
