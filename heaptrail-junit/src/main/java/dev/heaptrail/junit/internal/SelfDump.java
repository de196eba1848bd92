package dev.heaptrail.junit.internal;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Heap dumps of this JVM's live objects, for leak traces: written 0600 (dumps hold secrets) under
 * the build's directory, and deleted after the analysis unless {@value #KEEP} is true.
 */
public final class SelfDump {

    public static final String KEEP = "heaptrail.junit.keepDumps";
    public static final String DIR = "heaptrail.junit.dumpDir";

    private static final AtomicInteger NEXT = new AtomicInteger();

    private SelfDump() {}

    /**
     * Where dumps go: {@value #DIR} when set, else {@code target/heaptrail-junit} (Maven) or
     * {@code build/heaptrail-junit} (Gradle) under the working directory when there is one, else the
     * temporary directory.
     */
    static Path directory() {
        String set = System.getProperty(DIR);
        if (set != null && !set.isBlank()) {
            return Path.of(set);
        }
        Path here = Path.of(System.getProperty("user.dir", "."));
        for (String build : new String[] {"target", "build"}) {
            if (Files.isDirectory(here.resolve(build))) {
                return here.resolve(build).resolve("heaptrail-junit");
            }
        }
        return Path.of(System.getProperty("java.io.tmpdir")).resolve("heaptrail-junit");
    }

    public static boolean keep() {
        return Boolean.getBoolean(KEEP);
    }

    /** Makes the directory dumps go to, readable by its owner only. */
    public static Path prepare() throws IOException {
        Path dir = Files.createDirectories(directory());
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
        return dir;
    }

    /** Dumps the live objects of this JVM (after a full collection) into a new file named for {@code label}. */
    public static Path write(String label) throws IOException {
        Path dir = prepare();
        Path file = dir.resolve("leak-" + ProcessHandle.current().pid() + "-" + NEXT.incrementAndGet() + "-"
                + label.replaceAll("[^A-Za-z0-9_.-]", "_") + ".hprof");
        Files.deleteIfExists(file);
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        if (hotspot == null) {
            throw new IOException("this JVM cannot dump its heap (no HotSpotDiagnosticMXBean): no leak trace");
        }
        hotspot.dumpHeap(file.toString(), true);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the JVM's own permissions stay
        }
        return file;
    }

    /** Deletes a dump and the index files made beside it, unless dumps are kept. */
    public static void discard(Path dump) {
        if (dump == null || keep()) {
            return;
        }
        try {
            Files.deleteIfExists(dump);
        } catch (IOException e) {
            // a dump left behind under the build directory is no failure of the test
        }
    }
}
