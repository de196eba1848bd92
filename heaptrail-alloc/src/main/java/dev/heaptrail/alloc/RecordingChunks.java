package dev.heaptrail.alloc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a JFR file's chunk headers before the JDK's parser reads it, so that a foreign, empty or
 * truncated file gets a message with the byte offset (the parser only says "not a JFR file" or
 * throws EOFException somewhere). A JFR file is a sequence of chunks, each starting with the
 * magic "FLR\0", a version and the chunk's size in bytes; files can be concatenated.
 */
final class RecordingChunks {

    private static final int MAGIC = 0x464c5200; // "FLR\0"
    private static final int HEADER = 68;

    private RecordingChunks() {}

    /** One chunk: where it starts, its size, where its metadata event is (from the chunk's start), when it began. */
    record Chunk(long offset, long size, long metadataOffset, long startNanos) {}

    /** What the chunk headers say: the chunks, and the time they cover (epoch nanos). */
    record Span(List<Chunk> chunks, long startNanos, long endNanos) {
        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }
    }

    /** The chunks' span; throws when the file is not a whole JFR recording. */
    static Span check(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long length = channel.size();
            if (length == 0) {
                throw new RecordingFormatException(file, -1, "the file is empty; a JFR recording"
                        + " (heaptrail alloc --output, jcmd JFR.dump, -XX:StartFlightRecording) was expected", null);
            }
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            long at = 0;
            List<Chunk> chunks = new ArrayList<>();
            long start = Long.MAX_VALUE;
            long end = Long.MIN_VALUE;
            while (at < length) {
                header.clear();
                int read = channel.read(header, at);
                if (read < 4 || header.getInt(0) != MAGIC) {
                    throw new RecordingFormatException(file, at, chunks.isEmpty()
                            ? "not a JFR recording (no \"FLR\" magic); heaptrail sites reads JFR files, e.g. from"
                              + " heaptrail alloc --output or jcmd JFR.dump"
                            : "not a JFR chunk after " + chunks.size() + " whole chunk(s): the file has other bytes appended", null);
                }
                if (read < HEADER) {
                    throw truncated(file, at, length);
                }
                int major = header.getShort(4);
                long size = header.getLong(8);
                if (major < 1 || major > 2) {
                    throw new RecordingFormatException(file, at + 4, "JFR version " + major + "." + header.getShort(6)
                            + " is not one this JDK reads (1.x, 2.x)", null);
                }
                if (size == 0) {
                    throw new RecordingFormatException(file, at + 8, "the chunk is still being written (its size"
                            + " is 0): copy the recording with jcmd PID JFR.dump, or wait until it ends", null);
                }
                if (size < HEADER) {
                    throw new RecordingFormatException(file, at + 8, "corrupt chunk header (size " + size + ")", null);
                }
                if (at + size > length) {
                    throw truncated(file, at, length);
                }
                long metadata = header.getLong(24);
                if (metadata < HEADER || metadata >= size) {
                    throw new RecordingFormatException(file, at + 24, "corrupt chunk header (metadata at " + metadata
                            + " of a chunk of " + size + " bytes)", null);
                }
                long chunkStart = header.getLong(32);
                long chunkDuration = header.getLong(40);
                start = Math.min(start, chunkStart);
                end = Math.max(end, chunkStart + Math.max(0, chunkDuration));
                chunks.add(new Chunk(at, size, metadata, chunkStart));
                at += size;
            }
            return new Span(List.copyOf(chunks), start, end);
        }
    }

    private static RecordingFormatException truncated(Path file, long chunkAt, long length) {
        return new RecordingFormatException(file, length, "truncated: the file ends inside the chunk that starts"
                + " at byte " + chunkAt + "; copy the recording again (jcmd PID JFR.dump) or record anew", null);
    }
}
