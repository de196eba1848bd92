package dev.heaptrail.testkit;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.ref.SoftReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A child-JVM program that builds one classic leak, says "ready PID" and waits for stdin, so a
 * test can dump it and check that heaptrail names the leak: {@code LeakScenarios SCENARIO}.
 */
public final class LeakScenarios {

    static final List<Object> KEEP = new ArrayList<>();

    private LeakScenarios() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "thread-local" -> ThreadLocals.build();
            case "spread" -> Spread.build();
            case "finalizer" -> Finalizers.build();
            case "cleaner" -> Cleaners.build();
            case "listener" -> Listeners.build();
            case "executor" -> Backlog.build();
            case "class-loader" -> Loaders.build();
            case "soft-cache" -> SoftCache.build();
            case "nested" -> Nested.build();
            case "mutated-keys" -> MutatedKeys.build();
            case "inner-class" -> Widgets.build();
            case "loader-threads" -> LoaderThreads.build();
            case "jdk-collections" -> JdkCollections.build();
            case "hand-made" -> HandMadeStructures.build();
            case "weak-keys" -> WeakKeys.build();
            case "cancelled-tasks" -> ScheduledTimeouts.build();
            case "idle" -> { } // no leak: only what the JVM itself holds
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.out.println("ready " + ProcessHandle.current().pid());
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in)).readLine();
        System.exit(0); // pooled threads would keep the JVM alive
    }

    /** Pooled threads keep a per-thread buffer list that tasks add to and nobody clears. */
    public static final class ThreadLocals {
        public static final ThreadLocal<List<byte[]>> BUFFERS = ThreadLocal.withInitial(ArrayList::new);

        static void build() throws InterruptedException {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch done = new CountDownLatch(400);
            // Each task waits for one on the other thread: the threads take exactly 200 each, where
            // a free-running pool once gave one thread 363 (and its list fell below the threshold).
            java.util.concurrent.CyclicBarrier pair = new java.util.concurrent.CyclicBarrier(2);
            for (int i = 0; i < 400; i++) {
                pool.execute(() -> {
                    BUFFERS.get().add(new byte[20_000]);
                    try {
                        pair.await();
                    } catch (InterruptedException | java.util.concurrent.BrokenBarrierException e) {
                        throw new IllegalStateException(e);
                    }
                    done.countDown();
                });
            }
            done.await();
            KEEP.add(pool); // the pool lives on, as in a server
        }
    }

    /**
     * One ThreadLocal leak spread over four pooled threads, most of it in one (about 15 % of the
     * heap, the three others about 6 % each), next to a larger map with one entry per product (about
     * 58 %), large but bounded.
     */
    public static final class Spread {
        public static final ThreadLocal<List<byte[]>> BUFFERS = ThreadLocal.withInitial(ArrayList::new);
        public static final Map<Integer, Product> PRODUCTS = new HashMap<>();
        /** Buffers of 5,000 bytes each thread gathers, in the order the threads start their task. */
        public static final int[] PER_THREAD = {1_500, 570, 570, 570};

        static void build() throws Exception {
            for (int i = 0; i < 26_000; i++) {
                PRODUCTS.put(i, new Product(i, new byte[1_000]));
            }
            ExecutorService pool = Executors.newFixedThreadPool(PER_THREAD.length);
            // Each task waits for all the others first: four tasks, four distinct threads.
            java.util.concurrent.CyclicBarrier all = new java.util.concurrent.CyclicBarrier(PER_THREAD.length);
            List<java.util.concurrent.Future<?>> tasks = new ArrayList<>();
            for (int n : PER_THREAD) {
                tasks.add(pool.submit(() -> {
                    all.await();
                    for (int i = 0; i < n; i++) {
                        BUFFERS.get().add(new byte[5_000]);
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> t : tasks) {
                t.get();
            }
            KEEP.add(pool);
        }
    }

    /**
     * Objects with a finalize() that blocks: the first one the finalizer thread runs never returns,
     * so every other one, dropped by the program, waits in the finalizer's queue with its data.
     */
    public static final class Finalizers {
        public static final int DROPPED = 3_000;
        static final CountDownLatch NEVER = new CountDownLatch(1);
        static final CountDownLatch FINALIZING = new CountDownLatch(1);

        static void build() throws InterruptedException {
            for (int i = 0; i < DROPPED; i++) {
                new SlowFinalizer(new byte[10_000]);
            }
            awaitAfterGc(FINALIZING);
        }
    }

    /** Finalized one at a time by the JVM's single finalizer thread, which this one keeps for good. */
    public static final class SlowFinalizer {
        final byte[] data;

        SlowFinalizer(byte[] data) {
            this.data = data;
        }

        @Override
        @SuppressWarnings({"deprecation", "removal"})
        protected void finalize() throws InterruptedException {
            Finalizers.FINALIZING.countDown();
            Finalizers.NEVER.await();
        }
    }

    /**
     * A Cleaner whose cleaning actions block: the first one its thread runs never returns, so the
     * actions of every other object dropped wait in its queue, each with the buffer it would free.
     */
    public static final class Cleaners {
        public static final int DROPPED = 2_000;
        public static final java.lang.ref.Cleaner CLEANER = java.lang.ref.Cleaner.create();
        static final CountDownLatch NEVER = new CountDownLatch(1);
        static final CountDownLatch CLEANING = new CountDownLatch(1);

        static void build() throws InterruptedException {
            for (int i = 0; i < DROPPED; i++) {
                CLEANER.register(new Object(), new Release(new byte[10_000]));
            }
            awaitAfterGc(CLEANING);
        }
    }

    /** A cleaning action that would release a buffer, once the cleaner thread gets to it. */
    public record Release(byte[] buffer) implements Runnable {
        @Override
        public void run() {
            Cleaners.CLEANING.countDown();
            try {
                Cleaners.NEVER.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Collects until {@code started} opens (the first finalizer or cleaning action has begun), then lets the rest queue up. */
    private static void awaitAfterGc(CountDownLatch started) throws InterruptedException {
        for (int round = 0; round < 100 && !started.await(100, TimeUnit.MILLISECONDS); round++) {
            System.gc();
        }
        if (started.getCount() > 0) {
            throw new IllegalStateException("no finalizer or cleaning action started after 100 collections");
        }
        System.gc();
        Thread.sleep(500); // the reference handler moves what the collector found onto the queue
    }

    /** A product of a catalog: bounded data, one per product. */
    public record Product(int id, byte[] picture) {}

    /** An event bus whose listeners are lambdas that each capture a large payload and are never removed. */
    public static final class Listeners {
        public static final List<Consumer<String>> LISTENERS = new ArrayList<>();

        static void build() {
            for (int i = 0; i < 200; i++) {
                byte[] payload = new byte[40_000];
                LISTENERS.add(event -> payload[0] = (byte) event.length());
            }
        }
    }

    /** Anonymous inner-class callbacks registered by widgets: each keeps its widget through {@code this$0}. */
    public static final class Widgets {
        public static final List<Runnable> CALLBACKS = new ArrayList<>();

        static void build() {
            for (int i = 0; i < 150; i++) {
                new Widget().register();
            }
        }
    }

    /** Registers a callback that reads its pixels, and never unregisters it. */
    public static final class Widget {
        final byte[] pixels = new byte[50_000];

        void register() {
            Widgets.CALLBACKS.add(new Runnable() {
                @Override
                public void run() {
                    pixels[0]++;
                }
            });
        }
    }

    /**
     * Redeployments that leave a thread behind each: every thread keeps its application's class
     * loader as its context loader, so no collection holds the loaders, threads do, one each.
     */
    public static final class LoaderThreads {
        static void build() throws Exception {
            URL classes = Plugin.class.getProtectionDomain().getCodeSource().getLocation();
            CountDownLatch started = new CountDownLatch(12);
            for (int i = 0; i < 12; i++) {
                URLClassLoader loader = new URLClassLoader(new URL[] {classes}, null);
                Class<?> plugin = loader.loadClass(Plugin.class.getName());
                plugin.getMethod("start", int.class).invoke(null, 400_000);
                Thread t = new Thread(() -> {
                    started.countDown();
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "app-" + i + "-timer");
                t.setContextClassLoader(loader);
                t.setDaemon(true);
                t.start();
            }
            started.await();
        }
    }

    /** An executor whose only worker is stuck, so its queue fills with tasks holding data. */
    public static final class Backlog {
        static void build() throws InterruptedException {
            ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
            CountDownLatch stuck = new CountDownLatch(1);
            executor.execute(() -> {
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            for (int i = 0; i < 2_000; i++) {
                byte[] work = new byte[4_000];
                executor.execute(() -> work[0]++);
            }
            stuck.countDown();
            KEEP.add(executor);
        }
    }

    /** Many class loaders of one kind kept alive, each with its own copy of a class and its static data. */
    public static final class Loaders {
        public static final List<ClassLoader> LOADERS = new ArrayList<>();

        static void build() throws Exception {
            URL classes = Plugin.class.getProtectionDomain().getCodeSource().getLocation();
            for (int i = 0; i < 30; i++) {
                URLClassLoader loader = new URLClassLoader(new URL[] {classes}, null);
                Class<?> plugin = loader.loadClass(Plugin.class.getName());
                plugin.getMethod("start").invoke(null);
                LOADERS.add(loader);
            }
        }
    }

    /** Loaded once per class loader: its static data is per loader. */
    public static final class Plugin {
        static byte[] data;

        public static void start() {
            start(60_000);
        }

        public static void start(int bytes) {
            data = new byte[bytes];
        }
    }

    /** Sessions keyed by a mutable key: touched after insertion, they can no longer be removed. */
    public static final class MutatedKeys {
        public static final java.util.Set<Key> ACTIVE = new java.util.HashSet<>();

        static void build() {
            for (int i = 0; i < 3_000; i++) {
                Key key = new Key(7);
                ACTIVE.add(key);
                key.lastSeen = 1; // changes hashCode: the remove below looks in the wrong bucket
                ACTIVE.remove(key);
            }
        }
    }

    /** A key whose equals and hashCode use a mutable field. */
    public static final class Key {
        final int tenant;
        long lastSeen = System.nanoTime();
        final byte[] state = new byte[500];

        Key(int tenant) {
            this.tenant = tenant;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.tenant == tenant && k.lastSeen == lastSeen;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(lastSeen) * 31 + tenant;
        }
    }

    /** A static registry list whose one element, a map of orders, is where the memory piles up. */
    public static final class Nested {
        public static final List<Object> REGISTRY = new ArrayList<>();

        static void build() {
            Map<Long, long[]> orders = new HashMap<>();
            for (long i = 0; i < 5_000; i++) {
                orders.put(i, new long[100]);
            }
            REGISTRY.add(orders);
            REGISTRY.add("small");
        }
    }

    /** A big soft-reference cache (not a leak: the GC may clear it) beside a smaller real leak. */
    public static final class SoftCache {
        public static final Map<String, SoftReference<byte[]>> CACHE = new HashMap<>();
        public static final List<byte[]> AUDIT_LOG = new ArrayList<>();

        static void build() {
            for (int i = 0; i < 300; i++) {
                CACHE.put("page-" + i, new SoftReference<>(new byte[30_000])); // 9 MB, only softly held
            }
            for (int i = 0; i < 200; i++) {
                AUDIT_LOG.add(new byte[10_000]); // 2 MB, strongly held: the leak
            }
        }
    }

    /** The JDK's collections, the concurrent ones too, each of a known size: for element counts. */
    public static final class JdkCollections {
        public static final Map<Integer, Integer> CONCURRENT_MAP = new java.util.concurrent.ConcurrentHashMap<>();
        public static final List<Integer> COPY_ON_WRITE = new java.util.concurrent.CopyOnWriteArrayList<>();
        public static final java.util.Set<Integer> COPY_ON_WRITE_SET = new java.util.concurrent.CopyOnWriteArraySet<>();
        public static final LinkedBlockingQueue<Integer> BLOCKING_QUEUE = new LinkedBlockingQueue<>();
        public static final java.util.ArrayDeque<Integer> DEQUE = new java.util.ArrayDeque<>();
        public static final Map<Integer, Integer> SKIP_LIST = new java.util.concurrent.ConcurrentSkipListMap<>();
        public static final Map<Integer, Integer> SYNCHRONIZED = java.util.Collections.synchronizedMap(new java.util.TreeMap<>());
        public static final java.util.Set<Integer> KEY_SET = java.util.concurrent.ConcurrentHashMap.newKeySet();

        static void build() throws InterruptedException {
            // Four threads at once, so that the map's and the skip list's counts spread over counter cells.
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int from = t * 1_000;
                writers.add(new Thread(() -> {
                    for (int i = from; i < from + 1_000; i++) {
                        CONCURRENT_MAP.put(i, i);
                        SKIP_LIST.put(i, i);
                    }
                }));
            }
            writers.forEach(Thread::start);
            for (Thread w : writers) {
                w.join();
            }
            for (int i = 0; i < 300; i++) {
                COPY_ON_WRITE.add(i);
                BLOCKING_QUEUE.add(i);
                SYNCHRONIZED.put(i, i);
                KEY_SET.add(i);
            }
            for (int i = 0; i < 70; i++) {
                COPY_ON_WRITE_SET.add(i);
            }
            for (int i = 0; i < 50; i++) {
                DEQUE.addFirst(i); // wraps round the ring: head near the end, tail near the start
                DEQUE.addLast(-i);
            }
            DEQUE.pollFirst();
        }
    }
}
