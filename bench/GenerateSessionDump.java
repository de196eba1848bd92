import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The second dump shape of issue 17's analyze benchmark, beside GenerateDump's orders: a web
 * service's session cache (a ConcurrentHashMap of sessions, each with an attribute map, a cart
 * list, a token and strings; about twenty objects a session, deeper and more mixed than an order).
 * Usage: java -Xmx<2.5 x target> bench/GenerateSessionDump.java OUT.hprof TARGET_MB
 */
public class GenerateSessionDump {

    static final class SessionCache {
        static final SessionCache INSTANCE = new SessionCache();
        final Map<String, Session> sessions = new ConcurrentHashMap<>();
    }

    static final class Session {
        final String id;
        final Long userId;
        final long createdAt;
        final byte[] token;
        final Map<String, Object> attributes = new HashMap<>();
        final List<String> cart = new ArrayList<>(4);

        Session(String id, long userId, long createdAt, byte[] token) {
            this.id = id;
            this.userId = userId;
            this.createdAt = createdAt;
            this.token = token;
        }
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]).toAbsolutePath();
        long target = Long.parseLong(args[1]) << 20;
        Runtime rt = Runtime.getRuntime();
        Map<String, Session> cache = SessionCache.INSTANCE.sessions;
        long i = 0;
        while ((rt.totalMemory() - rt.freeMemory()) * 1.25 < target) {
            for (int k = 0; k < 10_000; k++, i++) {
                Session s = new Session("s-" + Long.toHexString(i * 0x9E3779B97F4A7C15L), 1_000_000 + i % 250_000,
                        1_700_000_000_000L + i, new byte[32]);
                s.attributes.put("locale", i % 3 == 0 ? "de-DE" : "en-GB");
                s.attributes.put("visits", (int) (i % 1000) + 200);
                s.attributes.put("referrer", "https://example.org/campaign/" + (i % 5_000));
                for (int c = 0; c < (int) (i % 4); c++) {
                    s.cart.add("sku-" + (i * 7 + c) % 90_000);
                }
                cache.put(s.id, s);
            }
        }
        System.out.printf("built %,d sessions, heap used %,d MB%n", i, (rt.totalMemory() - rt.freeMemory()) >> 20);
        Files.deleteIfExists(out);
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(out.toString(), true);
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-------"));
        System.out.printf("dumped %s: %,d MB%n", out, Files.size(out) >> 20);
    }
}
