package dev.heaptrail.hprof.internal;

import dev.heaptrail.hprof.HprofFormatException;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Big-endian reading of a dump through one buffer, from a plain file (where skips seek) or a
 * gzip stream (where skips read and discard). Getters do not check bounds: callers first
 * {@link #require} the bytes they are about to read, which is where truncation is detected.
 * Not thread-safe.
 */
public final class HprofInput implements Closeable {

    static final int BUFFER_SIZE = 1 << 20;

    private final Path file;
    private final FileChannel fileChannel;
    private final ReadableByteChannel channel;
    private final boolean compressed;
    private final long fileSize;
    // Direct: a channel reads into it without the extra copy a heap buffer costs.
    private final ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER_SIZE);
    private final ByteBuffer view = buf.asReadOnlyBuffer();
    /** Stream offset of buf[0]. */
    private long bufStart;
    private boolean eof;
    private int idSize = 8;

    private HprofInput(Path file, FileChannel fileChannel, ReadableByteChannel channel, boolean compressed) throws IOException {
        this.file = file;
        this.fileChannel = fileChannel;
        this.channel = channel;
        this.compressed = compressed;
        this.fileSize = fileChannel.size();
        buf.flip();
    }

    /** Opens a plain or gzip-compressed file, telling them apart by the gzip magic bytes. */
    public static HprofInput open(Path file) throws IOException {
        FileChannel fc = FileChannel.open(file, StandardOpenOption.READ);
        try {
            ByteBuffer magic = ByteBuffer.allocate(2);
            fc.read(magic, 0);
            boolean gzip = magic.position() == 2 && (magic.get(0) & 0xff) == 0x1f && (magic.get(1) & 0xff) == 0x8b;
            if (!gzip) {
                return new HprofInput(file, fc, fc, false);
            }
            InputStream raw = new BufferedInputStream(Channels.newInputStream(fc), 1 << 16);
            InputStream gz;
            try {
                gz = new GZIPInputStream(raw, 1 << 16);
            } catch (ZipException e) {
                throw new HprofFormatException(file, 0, "gzip header is corrupt: " + e.getMessage());
            }
            return new HprofInput(file, fc, Channels.newChannel(gz), true);
        } catch (IOException | RuntimeException e) {
            fc.close();
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    public boolean compressed() {
        return compressed;
    }

    /** Size of the file on disk (compressed size for gzip). */
    public long fileSize() {
        return fileSize;
    }

    /** Length of the uncompressed stream when known (plain files), else -1. */
    public long length() {
        return compressed ? -1 : fileSize;
    }

    /** Bytes of the file on disk consumed so far, for progress. */
    public long fileBytesConsumed() throws IOException {
        return compressed ? fileChannel.position() : position();
    }

    public void idSize(int idSize) {
        this.idSize = idSize;
    }

    public int idSize() {
        return idSize;
    }

    /** Offset in the uncompressed stream of the next byte to read. */
    public long position() {
        return bufStart + buf.position();
    }

    /**
     * A read-only view of the buffer, sharing its bytes: {@code view().get(bufferPosition() + i)}
     * is the i-th byte ahead, for the {@link #require}d bytes, until the next read.
     */
    public ByteBuffer view() {
        return view;
    }

    /** Where the next byte to read sits in {@link #view}. */
    public int bufferPosition() {
        return buf.position();
    }

    /** Makes {@code n} bytes readable or throws a truncation error naming {@code what}. */
    public void require(int n, String what) throws IOException {
        if (buf.remaining() < n && !fill(n)) {
            throw truncated(what, n);
        }
    }

    /** True when {@code n} bytes are readable; false only at the end of the stream. */
    public boolean tryRequire(int n) throws IOException {
        return buf.remaining() >= n || fill(n);
    }

    /** True when no byte is left to read. */
    public boolean atEnd() throws IOException {
        return !tryRequire(1);
    }

    public HprofFormatException truncated(String what, long needed) throws IOException {
        long at = position();
        long available = buf.remaining();
        String end = compressed ? "the compressed stream ends " : "the file ends ";
        return new HprofFormatException(file, at, "truncated: expected " + needed + " bytes of " + what
                + " but " + end + (available == 0 ? "here" : "after " + available) + stillBeingWritten());
    }

    /** What to do about a truncated file: wait if it is still being written, else it is incomplete. */
    public String stillBeingWritten() throws IOException {
        long ageMillis = System.currentTimeMillis() - java.nio.file.Files.getLastModifiedTime(file).toMillis();
        if (fileChannel.size() != fileSize) {
            return "; the file grew while being read: it is still being written, wait until the dump completes";
        }
        if (ageMillis >= 0 && ageMillis < 30_000) {
            return "; the file was modified " + (ageMillis / 1000) + " s ago: if a JVM is still writing it, wait until the dump completes";
        }
        return "; the dump is incomplete (copy cut short or disk full while dumping?)";
    }

    private boolean fill(int n) throws IOException {
        if (n > BUFFER_SIZE) {
            throw new IllegalArgumentException("require " + n + " > buffer");
        }
        if (eof) {
            return buf.remaining() >= n;
        }
        bufStart += buf.position();
        buf.compact();
        try {
            while (buf.hasRemaining()) {
                int r = channel.read(buf);
                if (r < 0) {
                    eof = true;
                    break;
                }
            }
        } catch (java.io.EOFException | ZipException e) {
            eof = true;
            buf.flip();
            throw new HprofFormatException(file, position() + buf.remaining(),
                    "gzip stream is corrupt or truncated: " + e.getMessage());
        }
        buf.flip();
        return buf.remaining() >= n;
    }

    public int u1() {
        return buf.get() & 0xff;
    }

    public int u2() {
        return buf.getShort() & 0xffff;
    }

    public int i4() {
        return buf.getInt();
    }

    /** An unsigned 4-byte value. */
    public long u4() {
        return buf.getInt() & 0xffffffffL;
    }

    public long i8() {
        return buf.getLong();
    }

    public long id() {
        return idSize == 8 ? buf.getLong() : buf.getInt() & 0xffffffffL;
    }

    /** A value of a basic type, as raw bits (object ids unsigned, primitives sign-extended bits). */
    public long value(int sizeInFile) {
        return switch (sizeInFile) {
            case 1 -> buf.get();
            case 2 -> buf.getShort();
            case 4 -> buf.getInt() & 0xffffffffL;
            case 8 -> buf.getLong();
            default -> throw new IllegalArgumentException("size " + sizeInFile);
        };
    }

    /** Reads {@code len} bytes, which must exist, or throws a truncation error naming {@code what}. */
    public void readFully(byte[] dst, int off, int len, String what) throws IOException {
        while (len > 0) {
            if (!buf.hasRemaining() && !fill(1)) {
                throw truncated(what, len);
            }
            int n = Math.min(len, buf.remaining());
            buf.get(dst, off, n);
            off += n;
            len -= n;
        }
    }

    /** Moves to {@code offset} of a plain file, dropping what is buffered. */
    public void seek(long offset) throws IOException {
        if (compressed) {
            throw new IllegalStateException("cannot seek in a gzip stream");
        }
        if (offset >= bufStart && offset <= bufStart + buf.limit()) {
            buf.position((int) (offset - bufStart)); // consecutive segments: keep what is buffered
            return;
        }
        fileChannel.position(offset);
        bufStart = offset;
        eof = false;
        buf.clear().flip();
    }

    /** Skips {@code n} bytes, which must exist, or throws a truncation error naming {@code what}. */
    public void skip(long n, String what) throws IOException {
        if (n <= buf.remaining()) {
            buf.position(buf.position() + (int) n);
            return;
        }
        if (!compressed) {
            long target = position() + n;
            if (target > fileSize) {
                throw new HprofFormatException(file, position(), "truncated: expected " + n + " bytes of " + what
                        + " but the file ends after " + (fileSize - position()) + stillBeingWritten());
            }
            fileChannel.position(target);
            bufStart = target;
            buf.clear().flip();
            return;
        }
        long left = n;
        while (left > 0) {
            if (!buf.hasRemaining() && !fill(1)) {
                throw truncated(what, left);
            }
            int step = (int) Math.min(left, buf.remaining());
            buf.position(buf.position() + step);
            left -= step;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            fileChannel.close();
        }
    }
}
