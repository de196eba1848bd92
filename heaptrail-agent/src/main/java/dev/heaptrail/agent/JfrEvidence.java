package dev.heaptrail.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A JFR recording of the Old Object Sample event with paths to GC roots: which allocations
 * survive, and what holds them. It needs time to sample, so the first call starts it and a call
 * after {@code jfrDuration} writes it. Where JFR is missing or off, a warning, once.
 */
final class JfrEvidence {

    private final AgentOptions options;
    private final AgentLog log;
    private jdk.jfr.Recording recording;
    private long startedNanos;

    JfrEvidence(AgentOptions options, AgentLog log) {
        this.options = options;
        this.log = log;
    }

    /** Where the recording goes. */
    interface EvidenceFiles {
        Path file(String kind, String extension) throws java.io.IOException;
    }

    /** Starts the recording unless one runs; {@link #write} saves it once it has run long enough. */
    void start() {
        if (recording == null) {
            jdk.jfr.Recording r = new jdk.jfr.Recording();
            r.setName("heaptrail-old-objects");
            // cutoff: how long the path-to-root search may take when the recording is written
            r.enable("jdk.OldObjectSample").with("cutoff", "infinity").withStackTrace();
            r.enable("jdk.GarbageCollection");
            r.enable("jdk.ActiveSetting"); // so heaptrail sites knows the sampler was on, even with no sample
            r.setToDisk(true);
            r.start();
            recording = r;
            startedNanos = System.nanoTime();
            log.info("JFR Old Object Sample recording started; written after " + options.jfrDuration().toSeconds() + " s");
        }
    }

    /** Writes the recording and ends it. */
    Path write(EvidenceFiles files) throws Exception {
        Path file = files.file("jfr", ".jfr");
        recording.dump(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        recording.close();
        recording = null;
        log.info("JFR recording written: " + file + " (jfr print --events OldObjectSample " + file + ")");
        return file;
    }

    boolean due() {
        return recording != null && System.nanoTime() - startedNanos >= options.jfrDuration().toNanos();
    }

    void close() {
        if (recording != null) {
            recording.close();
        }
    }
}
