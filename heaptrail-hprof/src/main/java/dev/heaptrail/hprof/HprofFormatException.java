package dev.heaptrail.hprof;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The file is not a readable HPROF dump: wrong magic, truncated, or a record that contradicts
 * the file. The message names the file, the byte offset and what was expected there.
 */
public final class HprofFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long offset;

    public HprofFormatException(Path file, long offset, String problem) {
        super(file + ": " + problem + (offset >= 0 ? " (at byte " + offset + ")" : ""));
        this.file = file;
        this.offset = offset;
    }

    public Path file() {
        return file;
    }

    /** Byte offset in the uncompressed stream where the problem was found, or -1. */
    public long offset() {
        return offset;
    }
}
