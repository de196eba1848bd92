package dev.heaptrail.alloc.profile;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A private folder (0700) that heaptrail and the target JVM both reach: the target reads the
 * profiler library and the recording settings from it and writes its recordings into it. It is
 * owned by the target's user (heaptrail as root profiling another user's JVM hands it over), and it
 * lies in the target's own /tmp seen through {@code /proc/PID/root} when the target runs in another
 * mount namespace (a container), so that one path means the same file on both sides.
 */
final class TargetFolder implements AutoCloseable {

    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");

    private final Path here;
    private final String there;

    private TargetFolder(Path here, String there) {
        this.here = here;
        this.there = there;
    }

    /** A new folder with a random name. */
    static TargetFolder create(long pid, String prefix) throws IOException {
        Base base = Base.of(pid);
        Path dir = Files.createTempDirectory(base.here, prefix, PosixFilePermissions.asFileAttribute(PRIVATE));
        base.handOver(dir);
        return new TargetFolder(dir, base.there + "/" + dir.getFileName());
    }

    /**
     * Removes the folders named {@code family} + PID + "-…" in the target's temporary folder whose
     * heaptrail no longer runs (one killed mid-profile cannot remove its own) and that nothing has
     * written into for {@code quiet}: until its self-stop, the target may still write its recording
     * there. Best effort: a folder that cannot be removed (another user's) stays.
     */
    static void removeLeftBehind(long pid, String family, Duration quiet) {
        Pattern named = Pattern.compile(Pattern.quote(family) + "(\\d+)-.*");
        try (Stream<Path> all = Files.list(Base.of(pid).here)) {
            Instant before = Instant.now().minus(quiet);
            for (Path dir : (Iterable<Path>) all::iterator) {
                Matcher m = named.matcher(dir.getFileName().toString());
                if (m.matches() && Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                        && ProcessHandle.of(Long.parseLong(m.group(1))).map(h -> !h.isAlive()).orElse(true)
                        && Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(before)) {
                    try {
                        new TargetFolder(dir, dir.toString()).close();
                    } catch (IOException e) {
                        // not ours to remove
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // nothing removed: a folder left is disk space, not a failure of the profile
        }
    }

    /**
     * The folder {@code name}, made if absent, reused if it is private to the target's user: a
     * name that stays the same from one profile to the next lets the target find the library it
     * loaded before instead of loading a second copy. Null when a folder of that name exists but
     * is not private to that user (someone else made it: it is not trusted).
     */
    static TargetFolder named(long pid, String name) throws IOException {
        Base base = Base.of(pid);
        Path dir = base.here.resolve(name);
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE));
            base.handOver(dir);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                    || !Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).equals(PRIVATE)
                    || base.owner != null && !base.owner.equals(Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS))) {
                return null;
            }
        }
        return new TargetFolder(dir, base.there + "/" + name);
    }

    /** The folder's own name. */
    String name() {
        return here.getFileName().toString();
    }

    /** A file of this folder as heaptrail sees it. */
    Path here(String file) {
        return here.resolve(file);
    }

    /** The same file as the target sees it. */
    String there(String file) {
        return there + "/" + file;
    }

    /** Gives the target's user a file heaptrail wrote here (a no-op unless heaptrail runs as another user). */
    void handOver(Path file) throws IOException {
        Base.of(here).handOver(file);
    }

    /** Removes the folder and everything in it. */
    @Override
    public void close() throws IOException {
        try (Stream<Path> all = Files.walk(here)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (NoSuchFileException e) {
            // removed already (another profile of the same target's user shared a named folder)
        }
    }

    /** Where folders go, here and there, and whose they must be. */
    private record Base(Path here, String there, Integer owner, Integer group) {

        static Base of(long pid) throws IOException {
            Path proc = Path.of("/proc", Long.toString(pid));
            if (!Files.isDirectory(proc)) {
                // no /proc (macOS): a target of the same user reaches the same temporary folder
                Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
                return new Base(tmp, tmp.toString(), null, null);
            }
            // /tmp rather than heaptrail's java.io.tmpdir, which the target's user may not reach
            Path tmp = Path.of("/tmp");
            Integer owner = (Integer) Files.getAttribute(proc, "unix:uid");
            Integer group = (Integer) Files.getAttribute(proc, "unix:gid");
            Path root = proc.resolve("root");
            try {
                if (!Files.isSameFile(root, Path.of("/"))) {
                    return new Base(root.resolve("tmp"), "/tmp", owner, group);
                }
            } catch (IOException e) {
                // its root is not ours to look at: it shares ours, or the attach fails anyway
            }
            return new Base(tmp, tmp.toString(), owner, group);
        }

        /** The base of a folder made by {@link #create}: only its owner matters. */
        static Base of(Path folder) throws IOException {
            return new Base(folder, folder.toString(), (Integer) Files.getAttribute(folder, "unix:uid"),
                    (Integer) Files.getAttribute(folder, "unix:gid"));
        }

        void handOver(Path p) throws IOException {
            if (owner != null && !owner.equals(Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS))) {
                Files.setAttribute(p, "unix:uid", owner, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(p, "unix:gid", group, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }
}
