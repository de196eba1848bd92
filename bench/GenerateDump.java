import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a heap shaped like a service's (many small objects: strings, map entries, small arrays,
 * linked nodes; a few large arrays) until its dump would be about TARGET_MB, then dumps it.
 * Usage: java -Xmx<2.5 x target> bench/GenerateDump.java OUT.hprof TARGET_MB
 */
public class GenerateDump {

    static final List<Object> KEEP = new ArrayList<>();

    record Order(long id, String customer, int[] quantities, Node items) {}

    static final class Node {
        final long value;
        final Node next;
        final Object payload;

        Node(long value, Node next, Object payload) {
            this.value = value;
            this.next = next;
            this.payload = payload;
        }
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]).toAbsolutePath();
        long target = Long.parseLong(args[1]) << 20;
        Runtime rt = Runtime.getRuntime();
        Map<String, Order> orders = new HashMap<>();
        KEEP.add(orders);
        long i = 0;
        // A dump takes about 1.2 bytes per heap byte: 8-byte ids for 4-byte references, record headers.
        while (used(rt) * 1.2 < target) {
            for (int k = 0; k < 10_000; k++, i++) {
                Node items = null;
                for (int n = 0; n < 2; n++) {
                    items = new Node(i * 2 + n, items, n == 0 ? new byte[48 + (int) (i % 200)] : null);
                }
                String customer = "customer " + (i % 100_000) + " of the regional sales office, account " + i;
                orders.put("order-" + i, new Order(i, customer, new int[(int) (i % 24)], items));
                if (i % 5_000 == 0) {
                    KEEP.add(new byte[64 * 1024 + (int) (i % 1000)]);
                    KEEP.add(new Object[512]);
                }
            }
        }
        System.out.printf("built %,d orders, heap used %,d MB%n", i, used(rt) >> 20);
        Files.deleteIfExists(out);
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(out.toString(), true);
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-------"));
        System.out.printf("dumped %s: %,d MB%n", out, Files.size(out) >> 20);
    }

    private static long used(Runtime rt) {
        return rt.totalMemory() - rt.freeMemory();
    }
}
