import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Two dumps of one JVM for `heaptrail diff` at scale, shaped as issue 16 tells it: a catalog loaded
 * once (a HashMap of items, 45 % of the later heap) and a metrics registry that grows (an ArrayList,
 * from 20 % to 54 %). The later dump is about TARGET_MB.
 * Usage: java -Xmx<3 x target> bench/DiffDumps.java BEFORE.hprof AFTER.hprof TARGET_MB
 */
public class DiffDumps {

    record Item(long id, String name, int[] stock) {}

    record Metric(long id, long[] buckets) {}

    static final Map<Long, Item> CATALOG = new HashMap<>();
    static final List<Metric> REGISTRY = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        long target = Long.parseLong(args[2]) << 20;
        // an item: the record 24, its map node 32, a boxed key 16, a name of about 50, an int[12] 64: about 190 bytes
        long items = (long) (target * 0.45 / 190);
        for (long i = 0; i < items; i++) {
            CATALOG.put(i, new Item(i, "item-" + i, new int[12]));
        }
        // a metric: the record 24, its long[10] 96, a slot in the list 4: about 124 bytes
        long metricsAfter = (long) (target * 0.54 / 124);
        while (REGISTRY.size() < metricsAfter * 20 / 54) {
            REGISTRY.add(new Metric(REGISTRY.size(), new long[10]));
        }
        dump(Path.of(args[0]));
        while (REGISTRY.size() < metricsAfter) {
            REGISTRY.add(new Metric(REGISTRY.size(), new long[10]));
        }
        dump(Path.of(args[1]));
        System.out.println("catalog " + CATALOG.size() + " items, registry " + metricsAfter * 20 / 54 + " then " + REGISTRY.size());
    }

    static void dump(Path file) throws Exception {
        Path absolute = file.toAbsolutePath();
        Files.deleteIfExists(absolute);
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(absolute.toString(), true);
    }
}
