package dev.heaptrail.heap.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Names of what one process writes into an index folder for itself ({@code run-PID-tSTART-...}:
 * its scratch folder, the temporary files of a save), and the removal of those whose process is
 * gone: a {@code kill -9} skips the JVM's delete-on-exit and would leave them there for good.
 * The start time in the name tells a dead process from a new one that got its PID.
 */
public final class RunFolders {

    private static final Pattern NAME = Pattern.compile("run-(\\d+)(?:-t(\\d+))?-.*");
    /** Start times are derived from clock ticks since boot: two reads of one process's may differ a little. */
    private static final long SAME_START_MILLIS = 1000;

    private static final java.util.Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private RunFolders() {}

    /**
     * Creates {@code dir} (and its missing parents) readable by its owner alone where the file
     * system has POSIX permissions: scratch arrays describe the heap's structure from their first
     * byte, long before a save makes the index folder private. An existing folder is left as it is.
     */
    public static void createPrivate(Path dir) throws IOException {
        if (ownerOnlySupported(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createDirectories(dir);
        }
    }

    /** One new folder, {@code rwx------} where the file system has POSIX permissions. */
    static Path createPrivateFolder(Path folder) throws IOException {
        return ownerOnlySupported(folder.getParent())
                ? Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createDirectory(folder);
    }

    private static boolean ownerOnlySupported(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** The prefix of this process's names: {@code run-PID-tSTARTMILLIS}. */
    public static String prefix() {
        ProcessHandle self = ProcessHandle.current();
        return "run-" + self.pid() + "-t" + startMillis(self).orElse(0L);
    }

    /**
     * Deletes the {@code run-...} entries of {@code dir} left by processes that are gone; quietly
     * skips what it cannot delete (another run may be removing it at the same time).
     */
    public static void removeAbandoned(Path dir) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "run-*")) {
            for (Path entry : entries) {
                if (abandoned(entry.getFileName().toString())) {
                    deleteTree(entry);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not ours to fail a command over: the folder may be unreadable or vanish meanwhile
        }
    }

    static boolean abandoned(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            return false;
        }
        long pid = Long.parseLong(m.group(1));
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty()) {
            return true;
        }
        if (m.group(2) == null || Long.parseLong(m.group(2)) == 0) {
            return false; // an older name, or a start time unknown: only a dead PID is sure
        }
        Optional<Long> start = startMillis(process.get());
        return start.isPresent() && Math.abs(start.get() - Long.parseLong(m.group(2))) > SAME_START_MILLIS;
    }

    private static Optional<Long> startMillis(ProcessHandle p) {
        return p.info().startInstant().map(java.time.Instant::toEpochMilli);
    }

    private static void deleteTree(Path entry) {
        try (Stream<Path> all = Files.walk(entry)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // in use or already gone: the next run tries again
        }
    }
}
