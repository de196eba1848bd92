package dev.heaptrail.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

/**
 * A JVM killed with -9 leaves its attach socket ({@code /tmp/.java_pidN}) behind. When a later
 * process gets the same PID, the JDK's attach client finds the old socket, connects to it instead
 * of waking the new JVM's attach listener, and fails with "Connection refused". A socket older than
 * the process it is named after cannot be that process's: it is removed before attaching.
 */
final class StaleAttachSocket {

    private StaleAttachSocket() {}

    /** Removes process {@code pid}'s attach socket when it predates the process; says whether it did. */
    static boolean removeIfStale(long pid) {
        Optional<java.time.Instant> started = ProcessHandle.of(pid).flatMap(p -> p.info().startInstant());
        if (started.isEmpty()) {
            return false;
        }
        // seen from the target's own mount namespace, under its own PID there (a container's /tmp)
        Path socket = Path.of("/proc", Long.toString(pid), "root", "tmp", ".java_pid" + namespacePid(pid));
        try {
            FileTime made = Files.getLastModifiedTime(socket);
            // start times from /proc are rounded to clock ticks: a second of slack keeps a fresh socket
            if (made.toInstant().plusSeconds(1).isBefore(started.get())) {
                Files.delete(socket);
                return true;
            }
        } catch (IOException | SecurityException e) {
            // no socket, or not ours to look at: the attach says what is wrong
        }
        return false;
    }

    /** The process's PID in its own namespace (the last of /proc/PID/status's NSpid), else {@code pid}. */
    private static long namespacePid(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("NSpid:")) {
                    String[] ids = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(ids[ids.length - 1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall back to the PID seen from here
        }
        return pid;
    }
}
