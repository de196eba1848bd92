package dev.heaptrail.testkit;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A child-JVM program that dumps a small heap of its own: {@code SmallDump FILE}. For fuzzing and error tests. */
public final class SmallDump {

    static final List<Object> KEEP = new ArrayList<>();

    private SmallDump() {}

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < 500; i++) {
            KEEP.add("small-" + i);
            KEEP.add(new int[i % 17]);
            KEEP.add(new Object[] {KEEP.get(KEEP.size() - 1)});
        }
        Path file = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(file.toString(), true);
    }

    /** Runs this program in a child JVM (without class data sharing, to keep the dump small) and returns the dump. */
    public static Path create(Path file) throws Exception {
        if (!Files.exists(file)) {
            ChildJvm.run(Jdks.current(), List.of("-Xshare:off", "-Xmx64m", "-XX:+UseSerialGC"), SmallDump.class,
                    List.of(file.toString()), 60);
        }
        return file;
    }
}
