package dev.heaptrail.hprof;

import java.time.Instant;

/**
 * The file header: format version, identifier size and the time the dump was started.
 *
 * @param version  the format string, e.g. {@code JAVA PROFILE 1.0.2}
 * @param idSize   4 or 8: the size of object identifiers (addresses) in the file
 * @param timestampMillis milliseconds since the epoch when the dump was written
 * @param length   bytes the header takes; the first record starts there
 */
public record HprofHeader(String version, int idSize, long timestampMillis, int length) {

    public Instant timestamp() {
        return Instant.ofEpochMilli(timestampMillis);
    }
}
