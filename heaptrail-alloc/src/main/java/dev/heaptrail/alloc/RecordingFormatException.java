package dev.heaptrail.alloc;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that is not a readable JFR recording: not JFR at all, empty, truncated or corrupt. The
 * message is one line for people: what, where (the file and, when known, the byte offset) and what
 * to do.
 */
public final class RecordingFormatException extends IOException {

    private final Path file;
    private final long offset;

    public RecordingFormatException(Path file, long offset, String problem, Throwable cause) {
        super(file + (offset >= 0 ? " at byte " + offset : "") + ": " + problem, cause);
        this.file = file;
        this.offset = offset;
    }

    public Path file() {
        return file;
    }

    /** The byte offset of the problem, or -1 when the parser does not say. */
    public long offset() {
        return offset;
    }
}
