package dev.heaptrail.cli;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Child JVMs with a known memory behaviour for {@code watch}: each prints "ready" and runs until
 * killed. Every one makes garbage that escapes (kept in a ring a moment), like a server handling
 * requests, so collections run as they would in an application.
 */
final class WatchTargets {

    private WatchTargets() {}

    /** Garbage requests leave: objects that live a few milliseconds, ~80 MB a second. */
    static final class Requests {
        private final Object[] ring = new Object[4096];
        private int next;

        void handle(int count) {
            for (int i = 0; i < count; i++) {
                ring[next++ & (ring.length - 1)] = new byte[96 + (i & 127)];
            }
        }
    }

    static void ready() {
        System.out.println("ready");
        System.out.flush();
    }

    /** Keeps {@code args[0]} of the max heap per minute in 1 KiB arrays (a static list), beside request garbage. */
    public static final class HeapLeak {
        static final List<byte[]> LEAKED = new ArrayList<>();

        public static void main(String[] args) throws Exception {
            double perMinute = Double.parseDouble(args[0]);
            long perTick = (long) (Runtime.getRuntime().maxMemory() * perMinute / 600); // 100 ms ticks
            Requests requests = new Requests();
            ready();
            while (true) {
                requests.handle(50_000);
                for (long kept = 0; kept < perTick; kept += 1024) {
                    LEAKED.add(new byte[1024]);
                }
                Thread.sleep(100);
            }
        }
    }

    /** A steady live set of 40 MB and heavy garbage: a large sawtooth, no leak. */
    public static final class Steady {
        static final List<long[]> LIVE = new ArrayList<>();

        public static void main(String[] args) throws Exception {
            for (int i = 0; i < 40 * 16; i++) {
                LIVE.add(new long[8192]); // 64 KiB each
            }
            Requests requests = new Requests();
            ready();
            while (true) {
                requests.handle(40_000);
                Thread.sleep(50);
            }
        }
    }

    /** A bounded cache: 30,000 entries of 1 KiB filled over the first 8 seconds, then only hits. */
    public static final class WarmingCache {
        static final Map<Integer, byte[]> CACHE = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, byte[]> eldest) {
                return size() > 30_000;
            }
        };

        public static void main(String[] args) throws Exception {
            Requests requests = new Requests();
            ready();
            java.util.SplittableRandom random = new java.util.SplittableRandom(1);
            for (long tick = 0; ; tick++) {
                requests.handle(50_000);
                int known = (int) Math.min(30_000, 375 * (tick + 1)); // new keys come in for 8 s, then no more
                for (int k = (int) Math.max(0, known - 375); k < known; k++) {
                    CACHE.computeIfAbsent(k, x -> new byte[1024]);
                }
                for (int i = 0; i < 400; i++) {
                    CACHE.get(random.nextInt(known));
                }
                Thread.sleep(100);
            }
        }
    }

    /** Keeps {@code args[0]} bytes of direct buffers a second (64 KiB each): the heap stays flat. */
    public static final class DirectLeak {
        static final List<ByteBuffer> LEAKED = new ArrayList<>();

        public static void main(String[] args) throws Exception {
            long perTick = Long.parseLong(args[0]) / 10;
            Requests requests = new Requests();
            ready();
            while (true) {
                requests.handle(50_000);
                for (long kept = 0; kept < perTick; kept += 65536) {
                    ByteBuffer b = ByteBuffer.allocateDirect(65536);
                    for (int i = 0; i < 65536; i += 4096) {
                        b.put(i, (byte) 1); // touched: resident, as a real buffer in use would be
                    }
                    LEAKED.add(b);
                }
                Thread.sleep(100);
            }
        }
    }
}
