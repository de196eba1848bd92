package dev.heaptrail.cli;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A child-JVM program dumped at two moments: a catalog loaded once (3,000 items, the larger
 * structure) and a metrics registry that grows from 1,000 to 5,000 entries in between.
 */
public final class GrowingRegistry {

    static final int CATALOG = 3_000;
    static final int METRICS_BEFORE = 1_000;
    static final int METRICS_AFTER = 5_000;

    static final class CatalogItem {
        final long[] prices = new long[64];
        final String sku;

        CatalogItem(int i) {
            sku = "sku-" + i;
        }
    }

    static final class Metric {
        final long[] buckets = new long[8];
        final int id;

        Metric(int id) {
            this.id = id;
        }
    }

    static final List<CatalogItem> CATALOG_ITEMS = new ArrayList<>();
    static final List<Metric> REGISTRY = new ArrayList<>();

    private GrowingRegistry() {}

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < CATALOG; i++) {
            CATALOG_ITEMS.add(new CatalogItem(i));
        }
        while (REGISTRY.size() < METRICS_BEFORE) {
            REGISTRY.add(new Metric(REGISTRY.size()));
        }
        dump(Path.of(args[0]));
        while (REGISTRY.size() < METRICS_AFTER) {
            REGISTRY.add(new Metric(REGISTRY.size()));
        }
        dump(Path.of(args[1]));
    }

    private static void dump(Path file) throws Exception {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Files.deleteIfExists(absolute);
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(absolute.toString(), true);
    }

    /** The two dumps, made once per test run. */
    static Path[] create(Path dir) throws Exception {
        Path before = dir.resolve("before.hprof");
        Path after = dir.resolve("after.hprof");
        if (!Files.exists(before) || !Files.exists(after)) {
            dev.heaptrail.testkit.ChildJvm.run(dev.heaptrail.testkit.Jdks.current(), List.of("-Xmx64m", "-XX:+UseSerialGC"),
                    GrowingRegistry.class, List.of(before.toString(), after.toString()), 60);
        }
        return new Path[] {before, after};
    }
}
