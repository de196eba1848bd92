package dev.heaptrail.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Child JVMs for {@link AgentVerdictIT}, on the JDK alone (their classpath is only the test
 * classes, so the agent's shaded client is the one that runs). Rates are kept against the wall
 * clock, topped up every 10 ms, and what was kept is printed ("kept MB seconds") for the test to
 * check instead of assuming it from sleeps. Each ends when its parent goes: stdin reaches EOF.
 */
final class VerdictTargets {

    private VerdictTargets() {}

    static void endWithParent() {
        Thread t = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the test writes nothing: EOF comes when it ends or dies
                }
            } catch (java.io.IOException ignored) {
                // stdin gone: the parent too
            }
            Runtime.getRuntime().halt(0);
        }, "end-with-parent");
        t.setDaemon(true);
        t.start();
    }

    /** Short-lived garbage at a rate: 1 KiB arrays kept in a ring of 4096 for a moment. */
    static final class Garbage {
        private final Object[] ring = new Object[4096];
        private final long bytesPerSecond;
        private long made;
        private int next;

        Garbage(long mbPerSecond) {
            this.bytesPerSecond = mbPerSecond << 20;
        }

        void upTo(double seconds) {
            for (; made < bytesPerSecond * seconds; made += 1024) {
                ring[next++ & 4095] = new byte[1024];
            }
        }
    }

    /**
     * args: leaked MB a second (1 KiB arrays in a static list), garbage MB a second, and every how
     * many seconds the application itself calls System.gc() (0: never).
     */
    public static final class Leak {
        static final List<byte[]> LEAKED = new ArrayList<>();

        public static void main(String[] args) throws Exception {
            endWithParent();
            long leakPerSecond = Long.parseLong(args[0]) << 20;
            Garbage garbage = new Garbage(Long.parseLong(args[1]));
            int gcEvery = Integer.parseInt(args[2]);
            long start = System.nanoTime();
            long kept = 0;
            long nextGc = gcEvery;
            long nextReport = 5;
            System.out.println("ready");
            while (true) {
                double s = (System.nanoTime() - start) / 1e9;
                for (; kept < leakPerSecond * s; kept += 1024) {
                    LEAKED.add(new byte[1024]);
                }
                garbage.upTo(s);
                if (gcEvery > 0 && s >= nextGc) {
                    System.gc();
                    nextGc += gcEvery;
                }
                if (s >= nextReport) {
                    System.out.println("kept " + (kept >> 20) + " " + (long) s);
                    nextReport += 5;
                }
                Thread.sleep(10);
            }
        }
    }

    /** A live set of 40 MB that never changes, and garbage (args[0] MB a second). */
    public static final class Stable {
        static final List<long[]> LIVE = new ArrayList<>();

        public static void main(String[] args) throws Exception {
            endWithParent();
            for (int i = 0; i < 40 * 16; i++) {
                LIVE.add(new long[8192]); // 64 KiB each
            }
            Garbage garbage = new Garbage(Long.parseLong(args[0]));
            long start = System.nanoTime();
            System.out.println("ready");
            while (true) {
                garbage.upTo((System.nanoTime() - start) / 1e9);
                Thread.sleep(10);
            }
        }
    }

    /** A cache of 30,000 entries of 1 KiB filled over its first 8 seconds, then only hit, beside 20 MB/s of garbage. */
    public static final class Warming {
        static final Map<Integer, byte[]> CACHE = WatchTargets.boundedCache(30_000);

        public static void main(String[] args) throws Exception {
            endWithParent();
            Garbage garbage = new Garbage(20);
            java.util.SplittableRandom random = new java.util.SplittableRandom(1);
            long start = System.nanoTime();
            System.out.println("ready");
            while (true) {
                double s = (System.nanoTime() - start) / 1e9;
                int known = (int) Math.min(30_000, 3750 * s); // new keys for 8 s, then no more
                for (int k = CACHE.size(); k < known; k++) {
                    CACHE.computeIfAbsent(k, x -> new byte[1024]);
                }
                for (int i = 0; i < 400 && known > 0; i++) {
                    CACHE.get(random.nextInt(known));
                }
                garbage.upTo(s);
                Thread.sleep(10);
            }
        }
    }
}
