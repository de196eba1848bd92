package dev.heaptrail.cli;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Child JVMs with a known memory behaviour for {@code watch}: each prints "ready" and runs until
 * killed. Every one makes garbage that escapes (kept in a ring a moment), like a server handling
 * requests, so collections run as they would in an application. A leaking one keeps to its rate by
 * the clock (on a loaded machine it catches up rather than falls behind) and prints what it really
 * kept, "kept BYTES NANOS", about once a second, so that tests compare with the rate it produced.
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

    /** An LRU map that drops its eldest entry past {@code entries}: a cache that stops growing. */
    static Map<Integer, byte[]> boundedCache(int entries) {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, byte[]> eldest) {
                return size() > entries;
            }
        };
    }

    static void ready() {
        System.out.println("ready");
        System.out.flush();
    }

    /** Paces a leak by the clock and reports it. */
    static final class Leak {
        private final double bytesPerSecond;
        private final long start = System.nanoTime();
        private long kept;
        private long reported;

        Leak(double bytesPerSecond) {
            this.bytesPerSecond = bytesPerSecond;
        }

        /** How many more bytes to keep now to be on schedule. */
        long due() {
            return (long) (bytesPerSecond * (System.nanoTime() - start) / 1e9) - kept;
        }

        void kept(long bytes) {
            kept += bytes;
            long now = System.nanoTime();
            if (now - reported >= 1_000_000_000L) {
                reported = now;
                System.out.println("kept " + kept + " " + (now - start));
                System.out.flush();
            }
        }
    }

    /** The rate a target reported between its first and last "kept" lines, in bytes an hour. */
    static double reportedBytesPerHour(List<String> lines) {
        long[] first = null;
        long[] last = null;
        for (String line : lines) {
            if (line.startsWith("kept ")) {
                String[] f = line.split(" ");
                long[] point = {Long.parseLong(f[1]), Long.parseLong(f[2])};
                if (first == null) {
                    first = point;
                }
                last = point;
            }
        }
        if (first == null || last[1] - first[1] < 5_000_000_000L) {
            throw new AssertionError("the target reported too little of its leak: " + lines);
        }
        return (last[0] - first[0]) * 3600e9 / (last[1] - first[1]);
    }

    /** Keeps {@code args[0]} of the max heap per minute in 1 KiB arrays (a static list), beside request garbage. */
    public static final class HeapLeak {
        static final List<byte[]> LEAKED = new ArrayList<>();

        public static void main(String[] args) throws Exception {
            double perMinute = Double.parseDouble(args[0]);
            Requests requests = new Requests();
            ready();
            Leak leak = new Leak(Runtime.getRuntime().maxMemory() * perMinute / 60);
            while (true) {
                requests.handle(50_000);
                long kept = 0;
                for (long due = leak.due(); kept < due; kept += 1024) {
                    LEAKED.add(new byte[1024]);
                }
                leak.kept(kept);
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
        static final Map<Integer, byte[]> CACHE = boundedCache(30_000);

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
            Requests requests = new Requests();
            ready();
            Leak leak = new Leak(Long.parseLong(args[0]));
            while (true) {
                requests.handle(50_000);
                long kept = 0;
                for (long due = leak.due(); kept + 65536 <= due; kept += 65536) {
                    ByteBuffer b = ByteBuffer.allocateDirect(65536);
                    for (int i = 0; i < 65536; i += 4096) {
                        b.put(i, (byte) 1); // touched: resident, as a real buffer in use would be
                    }
                    LEAKED.add(b);
                }
                leak.kept(kept);
                Thread.sleep(100);
            }
        }
    }
}
