package dev.heaptrail.cli;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A child-JVM program that dumps a heap with two leaks of different sizes: 3 MiB and 1 MiB of arrays. */
public final class TwoStores {

    static final List<long[]> LARGE = new ArrayList<>();
    static final List<long[]> SMALL = new ArrayList<>();

    private TwoStores() {}

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < 3 * 64; i++) {
            LARGE.add(new long[2048]); // 16 KiB each
        }
        for (int i = 0; i < 64; i++) {
            SMALL.add(new long[2048]);
        }
        Path file = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(file.toString(), true);
    }

    static Path create(Path file) throws Exception {
        if (!Files.exists(file)) {
            dev.heaptrail.testkit.ChildJvm.run(dev.heaptrail.testkit.Jdks.current(), List.of("-Xshare:off", "-Xmx64m", "-XX:+UseSerialGC"),
                    TwoStores.class, List.of(file.toString()), 60);
        }
        return file;
    }
}
