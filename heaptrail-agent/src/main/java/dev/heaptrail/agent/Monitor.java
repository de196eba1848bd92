package dev.heaptrail.agent;

import dev.heaptrail.live.ProcessTable;
import dev.heaptrail.live.trend.Verdict;
import dev.heaptrail.live.watch.JvmMemory;
import dev.heaptrail.live.watch.JvmSampler;
import dev.heaptrail.live.watch.LeakLatch;
import dev.heaptrail.live.watch.MemoryLimits;
import dev.heaptrail.live.watch.MemoryWatch;
import dev.heaptrail.live.watch.WatchSample;
import dev.heaptrail.live.watch.WatchVerdict;

import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The agent at work: every {@code interval}, on its own daemon thread, reads the JVM's figures and
 * the floors its {@link FloorRecorder} heard, judges the window with the same statistics as
 * {@code heaptrail watch} ({@link MemoryWatch}), updates the metrics and, when a leak is suspected
 * or the floor nears the maximum, takes the evidence. Nothing here runs on an application thread,
 * and nothing it throws leaves it.
 */
public final class Monitor implements AutoCloseable {

    static final long FIXED_HEAP_BYTES = 900L << 10;

    private final AgentOptions options;
    private final AgentLog log = new AgentLog();
    private final AgentMetrics metrics = new AgentMetrics();
    private final JvmSampler sampler;
    private final FloorRecorder floors;
    private final Evidence evidence;
    private final Deque<WatchSample> window = new ArrayDeque<>();
    private final ScheduledExecutorService thread;
    private final long pid = ProcessHandle.current().pid();
    private final ProcessTable proc = new ProcessTable();
    private final MemoryLimits limits;
    private final LeakLatch latch = new LeakLatch();
    private volatile WatchVerdict last;
    private int port = -1;

    Monitor(AgentOptions options) throws Exception {
        this.options = options;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heaptrail-agent");
            t.setDaemon(true); // the application ends when it wants to, agent or not
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        this.sampler = new JvmSampler(ManagementFactory.getPlatformMBeanServer());
        long max = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
        this.floors = new FloorRecorder(sampler, max > 0 ? (long) (max * options.floorPercent() / 100) : -1,
                () -> this.thread.execute(this::tick));
        this.evidence = new Evidence(options, metrics, log);
        this.limits = MemoryLimits.of(pid);
    }

    void start() throws Exception {
        if (options.port() >= 0) {
            port = metrics.serve(options.host(), options.port());
        }
        floors.start();
        long every = options.interval().toMillis();
        thread.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
        log.info("monitoring the heap floor" + (port >= 0 ? "; metrics on http://" + options.host() + ":" + port + "/metrics" : "")
                + "; actions " + (options.actions().isEmpty() ? "none" : String.join("+", options.actions())));
    }

    /** The port metrics are served on, -1 when none. */
    public int port() {
        return port;
    }

    /** The latest verdict, null before the first. */
    public WatchVerdict verdict() {
        return last;
    }

    private void tick() {
        try {
            evaluate();
        } catch (Throwable t) { // the schedule stops for good if anything escapes: keep it alive
            log.warnOnce("tick:" + t.getClass().getName(), "monitoring step failed: " + t);
        }
    }

    private void evaluate() {
        long now = System.currentTimeMillis();
        JvmMemory m = sampler.read().memory();
        FloorRecorder.Heard heard = floors.take();
        ProcessTable.Resident resident = proc.resident(pid);
        window.addLast(new WatchSample(now, resident == null ? 0 : resident.rssBytes(), resident == null ? 0 : resident.peakRssBytes(), m,
                heard.floors()));
        long from = now - options.window().toMillis();
        while (!window.isEmpty() && window.peekFirst().epochMillis() < from) {
            window.removeFirst();
        }
        MemoryWatch watch = new MemoryWatch(new MemoryWatch.Target(pid, true, limits, m.heapMaxBytes(),
                sampler.maxMetaspaceBytes(), sampler.maxDirectBytes(), false), window.peekFirst().epochMillis());
        window.forEach(watch::add);
        WatchVerdict fresh = raiseThreshold(watch.verdict());
        // the gauge is a state alerts wait on: once a leak is called it holds until the evidence turns
        WatchVerdict v = latch.update(fresh);
        if (latch.released() != null) {
            log.info("leak no longer suspected: " + latch.released());
        }
        last = v;
        publish(m, heard, v);
        evidence.tick();
        // the high-water mark looks at the floor now, not the lowest of the interval
        long floor = heard.latest() == null ? m.heapAfterGcBytes() : heard.latest().heapAfterBytes();
        boolean highWater = m.heapMaxBytes() > 0 && floor > m.heapMaxBytes() * options.floorPercent() / 100;
        // evidence on a fresh call only, as before the latch: a held verdict's reason may be one step's
        // "no significant rise", which is no reason to give for a heap dump
        Double toLimit = fresh.timeToLimitSeconds();
        boolean soon = toLimit != null && toLimit < options.timeToLimit().toSeconds();
        // a leak is called when this step judged one and the latch publishes it (not on too few minima)
        boolean called = fresh.verdict() == Verdict.LEAK && v.verdict() == Verdict.LEAK;
        if (called || highWater || soon) {
            evidence.take(new Evidence.Suspicion(why(fresh, called, floor, m.heapMaxBytes(), highWater), v, floor,
                    m.heapMaxBytes(), highWater));
        }
    }

    /** A leak slower than {@code minSlope} (an option) is not one here: the verdict of the main area is taken instead. */
    private WatchVerdict raiseThreshold(WatchVerdict v) {
        if (v.verdict() != Verdict.LEAK || v.trend().slopeBytesPerHour() >= options.minSlope()) {
            return v;
        }
        return new WatchVerdict(Verdict.NO_LEAK, null, v.areas().get(0), v.areas(), v.notes());
    }

    private void publish(JvmMemory m, FloorRecorder.Heard heard, WatchVerdict v) {
        if (!heard.floors().isEmpty()) {
            metrics.floor.set(heard.floors().stream().mapToLong(f -> f.heapAfterBytes()).min().orElse(0));
            metrics.oldFloor.set(heard.floors().stream().mapToLong(f -> f.oldGenAfterBytes()).min().orElse(0));
        }
        metrics.heapMax.set(m.heapMaxBytes());
        double slope = v.lead().trend().slopeBytesPerHour();
        metrics.slope.set(Double.isNaN(slope) ? 0 : slope / 3600);
        metrics.verdict.set(v.verdict() == Verdict.LEAK ? 1 : 0);
        metrics.timeToLimit.set(v.timeToLimitSeconds() == null ? Double.POSITIVE_INFINITY : v.timeToLimitSeconds());
        metrics.metaspace.set(m.metaspaceUsedBytes());
        metrics.direct.set(m.directBufferBytes() + m.mappedBufferBytes());
        metrics.threads.set(m.threads());
        metrics.allocation.set(heard.allocatedBytes() / (options.interval().toMillis() / 1000.0));
        // what the agent keeps: its fixed parts (registry, JVM metrics, MXBean proxies, HTTP server: 0.9 MiB
        // measured by bench/agent-benchmark.sh footprint) and the window's samples (a record and two floors each)
        metrics.agentHeap.set(FIXED_HEAP_BYTES + window.size() * 400L);
    }

    private static String why(WatchVerdict v, boolean called, long floor, long max, boolean highWater) {
        if (highWater) {
            return String.format(Locale.ROOT, "heap floor %d MiB is %.0f %% of the %d MiB maximum: securing evidence before"
                    + " an OutOfMemoryError", floor >> 20, 100.0 * floor / max, max >> 20);
        }
        if (!called && v.timeToLimitSeconds() != null) { // the projection alone: say so
            return String.format(Locale.ROOT, "%s projected to reach %s in about %.0f min, not judged a leak yet: %s",
                    v.lead().area().label(), v.lead().limitName(), v.timeToLimitSeconds() / 60, v.trend().reason());
        }
        return "leak suspected in " + (v.growingIn() == null ? "heap" : v.growingIn().label()) + ": " + v.trend().reason()
                + (v.timeToLimitSeconds() == null ? "" : String.format(Locale.ROOT, "; %s reached in about %.0f min",
                v.lead().limitName(), v.timeToLimitSeconds() / 60));
    }

    @Override
    public void close() {
        thread.shutdownNow();
        floors.stop();
        evidence.close();
        metrics.close();
    }
}
