package dev.heaptrail.cli;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A child-JVM program that dumps a heap of some million objects, most in one static map (the
 * suspect): big enough that indexing it takes seconds. {@code ManyObjects FILE ENTRIES}.
 */
public final class ManyObjects {

    static final Map<Integer, long[]> STORE = new HashMap<>();

    private ManyObjects() {}

    public static void main(String[] args) throws Exception {
        for (int i = 0, n = Integer.parseInt(args[1]); i < n; i++) {
            STORE.put(i, new long[2]);
        }
        Path file = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(file.toString(), true);
    }

    /** The dump, made once by a child JVM. */
    static Path create(Path file, int entries) throws Exception {
        if (!Files.exists(file)) {
            dev.heaptrail.testkit.ChildJvm.run(dev.heaptrail.testkit.Jdks.current(), List.of("-Xmx1g", "-XX:+UseSerialGC"),
                    ManyObjects.class, List.of(file.toString(), Integer.toString(entries)), 120);
        }
        return file;
    }
}
