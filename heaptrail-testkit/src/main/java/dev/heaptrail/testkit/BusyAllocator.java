package dev.heaptrail.testkit;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A busy program for allocation profiling, run in a child JVM. One thread serves "requests" at a
 * set allocation rate; each request allocates at five churning sites ({@link #renderPage},
 * {@link #formatNames}, {@link #collectScores}, {@link #indexWords}, and {@link #rememberRecent},
 * whose bounded ring keeps its latest objects alive for a while) and, unless started with
 * {@code --no-leak}, {@link #keepOrder} keeps a small {@link Order} for good: the leak a profiler
 * must rank first.
 *
 * <p>Usage: {@code BusyAllocator [--rate MB/s] [--leak-rate KB/s] [--no-leak] [--report-every MS]}
 * (defaults 300 MB/s, 300 KB/s). The rate is a ceiling: the thread sleeps when ahead of it, so
 * it leaves the machine's other core free; {@code --rate 0} takes away the ceiling (one core busy). It prints {@code ready PID}; then {@code ops N CPU_NS
 * MILLIS} (requests served, the process's CPU time, the wall clock) at each line read from stdin
 * and, with {@code --report-every}, periodically: what a cost measurement compares. {@code quit}
 * ends it.
 *
 * <p>Written in the Java of JDK 11 (no records, no switch expressions) and needing nothing outside
 * the JDK, so that JDK 11 runs this file with its source launcher.
 */
public final class BusyAllocator {

    /** What the leak keeps: 64 bytes on JDK 17 with compressed oops, under 200 on any layout. */
    public static final class Order {
        final long id;
        final long customer;
        final long createdAt;
        final double price;
        final double discount;
        final int quantity;
        final int status;
        final String sku;

        Order(long id, long customer, long createdAt, double price, double discount, int quantity, int status, String sku) {
            this.id = id;
            this.customer = customer;
            this.createdAt = createdAt;
            this.price = price;
            this.discount = discount;
            this.quantity = quantity;
            this.status = status;
            this.sku = sku;
        }
    }

    /** The leak: every order kept, never removed. */
    static final List<Order> ORDERS = new ArrayList<>();
    static final Object[] RING = new Object[1024];
    static final String[] WORDS = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel",
            "india", "juliet", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo"};

    static final AtomicLong OPS = new AtomicLong();
    static volatile long sink;

    private final SplittableRandom random = new SplittableRandom(15);
    private long orders;
    private int ringNext;

    private BusyAllocator() {}

    public static void main(String[] args) throws Exception {
        double rateMb = 300;
        double leakKb = 300;
        long reportMillis = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rate": rateMb = Double.parseDouble(args[++i]); break;
                case "--leak-rate": leakKb = Double.parseDouble(args[++i]); break;
                case "--no-leak": leakKb = 0; break;
                case "--report-every": reportMillis = Long.parseLong(args[++i]); break;
                default: throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        BusyAllocator app = new BusyAllocator();
        double bytesPerSecond = rateMb * 1e6;
        double leakBytesPerSecond = leakKb * 1e3;
        Thread worker = new Thread(() -> app.serve(bytesPerSecond, leakBytesPerSecond), "requests");
        worker.setDaemon(true);
        worker.start();
        if (reportMillis > 0) {
            long every = reportMillis;
            Thread reporter = new Thread(() -> reportEvery(every), "reporter");
            reporter.setDaemon(true);
            reporter.start();
        }
        System.out.println("ready " + ProcessHandle.current().pid());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null && !line.equals("quit"); ) {
            report();
        }
        System.exit(0);
    }

    /** Serves requests forever, at most {@code bytesPerSecond}; keeps orders at {@code leakBytesPerSecond}. */
    private void serve(double bytesPerSecond, double leakBytesPerSecond) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long start = System.nanoTime();
        long allocatedAtStart = threads.getThreadAllocatedBytes(thread);
        for (long request = 0; ; request++) {
            int n = (int) request;
            renderPage(n);
            formatNames(n);
            collectScores(n);
            indexWords(n);
            rememberRecent(n);
            double seconds = (System.nanoTime() - start) / 1e9;
            // 64 bytes an order (JDK 17's layout); the list's own growth comes on top, as in a real leak
            while (orders * 64.0 < seconds * leakBytesPerSecond) {
                keepOrder(n);
            }
            OPS.incrementAndGet();
            if ((request & 15) == 15 && bytesPerSecond > 0) {
                // ahead of the rate: sleep until the bytes allocated so far are due
                long allocated = threads.getThreadAllocatedBytes(thread) - allocatedAtStart;
                double dueAt = allocated / bytesPerSecond;
                double now = (System.nanoTime() - start) / 1e9;
                if (dueAt > now) {
                    LockSupport.parkNanos((long) ((dueAt - now) * 1e9));
                }
            }
        }
    }

    /** Large byte arrays, dropped at once. */
    void renderPage(int n) {
        byte[] page = new byte[2048 + random.nextInt(14 * 1024)];
        page[n & 1023] = (byte) n;
        sink += page[0];
    }

    /** Strings built and cut. */
    void formatNames(int n) {
        StringBuilder name = new StringBuilder(96);
        for (int i = 0; i < 12; i++) {
            name.append(WORDS[(n + i) % WORDS.length]).append('-').append(random.nextInt(1000));
        }
        String full = name.toString();
        String part = full.substring(3, full.length() / 2);
        sink += part.length();
    }

    /** A list of boxed scores (past the Integer cache, so each is a new object). */
    void collectScores(int n) {
        List<Integer> scores = new ArrayList<>(64);
        for (int i = 0; i < 64; i++) {
            scores.add(1000 + random.nextInt(100_000));
        }
        sink += scores.get(n & 63);
    }

    /** A small hash map of words to counts. */
    void indexWords(int n) {
        Map<String, Long> counts = new HashMap<>();
        for (int i = 0; i < 24; i++) {
            counts.merge(WORDS[random.nextInt(WORDS.length)], 1_000L + i, Long::sum);
        }
        sink += counts.size();
    }

    /** Recent results kept in a bounded ring: garbage that stays alive for a while. */
    void rememberRecent(int n) {
        RING[ringNext] = new long[16 + random.nextInt(48)];
        ringNext = (ringNext + 1) % RING.length;
    }

    /** The leak: an order kept for good. */
    void keepOrder(int n) {
        ORDERS.add(new Order(orders++, n, System.nanoTime(), 9.5, 0.1, 1 + (n & 7), 2, WORDS[n % WORDS.length]));
    }

    private static void reportEvery(long millis) {
        while (true) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                return;
            }
            report();
        }
    }

    private static synchronized void report() {
        long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        System.out.println("ops " + OPS.get() + " " + cpu + " " + System.currentTimeMillis());
        System.out.flush();
    }
}
