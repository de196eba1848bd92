import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Workloads for bench/watch-benchmark.sh (run as a single-file program, no dependencies).
 *   throughput: one thread doing allocation-heavy work, printing "epochMillis ops" every second;
 *   churn: a stable application whose bounded cache keeps replacing entries, so dead objects pile up
 *          in the old generation until G1 marks and mixes them away (the case that fools a floor
 *          read after young collections).
 */
public class WatchWorkload {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "throughput" -> throughput();
            case "churn" -> churn();
            default -> throw new IllegalArgumentException("throughput or churn, not " + args[0]);
        }
    }

    static void throughput() {
        SplittableRandom random = new SplittableRandom(1);
        long ops = 0;
        long next = System.currentTimeMillis() + 1000;
        Map<Integer, String> map = new HashMap<>();
        long sink = 0;
        while (true) {
            // one op: a small request: a map of strings built, read and dropped
            map.clear();
            for (int i = 0; i < 64; i++) {
                map.put(random.nextInt(1000), Integer.toHexString(random.nextInt()));
            }
            for (String s : map.values()) {
                sink += s.length();
            }
            ops++;
            long now = System.currentTimeMillis();
            if (now >= next) {
                System.out.println(now + " " + ops + (sink == 42 ? " " : ""));
                System.out.flush();
                ops = 0;
                next += 1000;
            }
        }
    }

    static void churn() throws Exception {
        int entries = 200_000;
        byte[][] cache = new byte[entries][];
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < entries; i++) {
            cache[i] = new byte[160];
        }
        Object[] ring = new Object[4096];
        System.out.println("ready");
        System.out.flush();
        for (long tick = 0; ; tick++) {
            for (int i = 0; i < 50_000; i++) {
                ring[i & 4095] = new byte[96 + (i & 127)];
            }
            for (int i = 0; i < 2_000; i++) {
                cache[random.nextInt(entries)] = new byte[160];
            }
            Thread.sleep(100);
        }
    }
}
