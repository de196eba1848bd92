package dev.heaptrail.hprof;

import dev.heaptrail.hprof.internal.HeapDumpParser;
import dev.heaptrail.hprof.internal.HprofInput;
import dev.heaptrail.hprof.internal.ParallelHeapReader;
import dev.heaptrail.hprof.internal.RecordParser;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Streams an HPROF file (plain, or gzip-compressed as {@code jcmd GC.heap_dump -gz} writes it)
 * once, front to back, handing every record to a {@link HprofVisitor}. Memory use does not grow
 * with the file: contents are skipped unless the visitor asks for them. Not thread-safe; one
 * {@link #accept} per reader.
 */
public final class HprofReader implements Closeable {

    private static final String MAGIC = "JAVA PROFILE 1.0.";

    private final HprofInput in;
    private final HprofHeader header;

    private HprofReader(HprofInput in, HprofHeader header) {
        this.in = in;
        this.header = header;
    }

    /**
     * Opens a dump and reads its header (does I/O).
     *
     * @throws HprofFormatException when the file is empty, not an HPROF dump or has a bad header
     * @throws IOException when the file cannot be read (missing, a directory, no permission)
     */
    public static HprofReader open(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new HprofFormatException(file, -1, "is a directory, not a heap dump file");
        }
        HprofInput in = HprofInput.open(file);
        try {
            return new HprofReader(in, readHeader(in));
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static HprofHeader readHeader(HprofInput in) throws IOException {
        Path file = in.file();
        if (in.atEnd()) {
            throw new HprofFormatException(file, 0, "empty file: expected an HPROF header 'JAVA PROFILE 1.0.2'");
        }
        byte[] text = new byte[32];
        int n = 0;
        while (true) {
            if (!in.tryRequire(1)) {
                throw new HprofFormatException(file, n, "not an HPROF file: the header ends before its terminating zero byte");
            }
            int b = in.u1();
            if (b == 0) {
                break;
            }
            if (n == text.length || b < 0x20 || b > 0x7e) {
                throw new HprofFormatException(file, 0, "not an HPROF file: expected a header starting 'JAVA PROFILE 1.0.2', found "
                        + printable(text, n, b));
            }
            text[n++] = (byte) b;
        }
        String version = new String(text, 0, n, StandardCharsets.US_ASCII);
        if (!version.startsWith(MAGIC)) {
            throw new HprofFormatException(file, 0, "not an HPROF file: expected a header starting 'JAVA PROFILE 1.0.2', found '" + version + "'");
        }
        if (version.equals("JAVA PROFILE 1.0.3")) {
            throw new HprofFormatException(file, 0, "Android heap dump (JAVA PROFILE 1.0.3) is not supported; convert it first with Android's 'hprof-conv'");
        }
        if (!version.equals("JAVA PROFILE 1.0.1") && !version.equals("JAVA PROFILE 1.0.2")) {
            throw new HprofFormatException(file, 0, "unsupported HPROF version '" + version + "'; expected JAVA PROFILE 1.0.1 or 1.0.2");
        }
        long idAt = in.position();
        in.require(12, "header (identifier size and timestamp)");
        long idSize = in.u4();
        if (idSize != 4 && idSize != 8) {
            throw new HprofFormatException(file, idAt, "identifier size is " + idSize + "; expected 4 or 8");
        }
        in.idSize((int) idSize);
        long timestamp = in.i8();
        return new HprofHeader(version, (int) idSize, timestamp, (int) in.position());
    }

    private static String printable(byte[] text, int n, int next) {
        StringBuilder sb = new StringBuilder("'");
        for (int i = 0; i < Math.min(n, 16); i++) {
            sb.append((char) text[i]);
        }
        sb.append("' followed by byte 0x").append(String.format("%02x", next));
        return sb.toString();
    }

    public HprofHeader header() {
        return header;
    }

    public Path file() {
        return in.file();
    }

    /** True for a gzip-compressed dump. */
    public boolean compressed() {
        return in.compressed();
    }

    /** The file's size on disk. */
    public long fileSize() {
        return in.fileSize();
    }

    /**
     * Reads every record after the header and hands it to the visitor (does I/O).
     *
     * @throws HprofFormatException on a truncated or corrupt file, naming the byte offset
     */
    public void accept(HprofVisitor visitor, ReadProgress progress) throws IOException {
        visitor.header(header);
        RecordParser records = new RecordParser(in, visitor, new HeapDumpParser(in, visitor), progress);
        records.run();
    }

    public void accept(HprofVisitor visitor) throws IOException {
        accept(visitor, ReadProgress.NONE);
    }

    /**
     * Whether {@link #acceptParallel} can be used: a plain (not compressed) file.
     */
    public boolean canReadInParallel() {
        return !in.compressed();
    }

    /**
     * Reads the dump with several threads (does I/O). {@code main} receives the header and every
     * top-level record in file order; the contents of the heap dump segments are split into
     * contiguous runs, one per worker, each worker's visitor seeing its run's sub-records in file
     * order on its own thread. Plain files only ({@link #canReadInParallel}).
     *
     * @throws HprofFormatException on a truncated or corrupt file; when several runs are corrupt,
     *         the error nearest the start of the file
     */
    public void acceptParallel(HprofVisitor main, List<? extends HprofVisitor> workers, ReadProgress progress) throws IOException {
        if (!canReadInParallel()) {
            throw new IllegalStateException("parallel reading needs an uncompressed dump");
        }
        main.header(header);
        RecordParser records = new RecordParser(in, main, null, ReadProgress.NONE);
        records.run();
        long heapBytes = 0;
        for (long[] s : records.segments()) {
            heapBytes += s[1];
        }
        ParallelHeapReader.read(in.file(), header.idSize(), records.segments(), workers, in.fileSize() - heapBytes,
                in.fileSize(), progress);
        progress.update(in.fileSize(), in.fileSize());
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
