package dev.heaptrail.junit.internal;

import dev.heaptrail.junit.LeakError;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Objects that should become unreachable: watched through weak references, checked after full
 * collections with growing pauses up to a timeout; those still alive are named with their paths
 * from the GC roots, found in a dump of this JVM.
 */
public final class ObjectWatcher {

    private static final List<WatchedReference> WATCHED = new ArrayList<>();

    private ObjectWatcher() {}

    public static void watch(Object o, String description) {
        if (o == null) {
            throw new IllegalArgumentException("expectCollected(null, \"" + description + "\"): nothing to watch");
        }
        synchronized (WATCHED) {
            WATCHED.add(new WatchedReference(o, UUID.randomUUID().toString(), description));
        }
    }

    /** Checks every object watched since the last check, and forgets them. */
    public static void assertCollected(Duration timeout) {
        List<WatchedReference> watched;
        synchronized (WATCHED) {
            watched = new ArrayList<>(WATCHED);
            WATCHED.clear();
        }
        if (watched.isEmpty()) {
            return;
        }
        HeapFloor floor = HeapFloor.ofThisJvm();
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 10;
        List<WatchedReference> alive = stillAlive(watched);
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            floor.collectOnce();
            sleep(Math.min(pause, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            pause *= 2;
            alive = stillAlive(alive);
        }
        if (!alive.isEmpty()) {
            throw notCollected(alive, timeout);
        }
    }

    private static List<WatchedReference> stillAlive(List<WatchedReference> refs) {
        List<WatchedReference> alive = new ArrayList<>();
        for (WatchedReference r : refs) {
            if (!r.refersTo(null)) {
                alive.add(r);
            }
        }
        return alive;
    }

    private static LeakError notCollected(List<WatchedReference> alive, Duration timeout) {
        Map<String, LeakTrace> traces = Map.of();
        String problem = null;
        Path dump = null;
        try {
            dump = SelfDump.write("watched");
            traces = LeakTraces.ofWatched(dump);
        } catch (IOException | RuntimeException e) {
            problem = "no leak trace: " + e;
        } finally {
            SelfDump.discard(dump);
        }
        StringBuilder message = new StringBuilder(String.format(java.util.Locale.ROOT,
                "leak: %d watched object%s still reachable %d ms after the check began, through full collections:%n",
                alive.size(), alive.size() == 1 ? " is" : "s are", timeout.toMillis()));
        LeakTrace first = null;
        for (WatchedReference r : alive) {
            Object o = r.get();
            LeakTrace trace = traces.get(r.key());
            message.append("- ").append(r.description()).append(" (").append(o == null ? "collected since" : o.getClass().getName())
                    .append(")\n");
            if (trace != null) {
                first = first == null ? trace : first;
                message.append("  held by ").append(trace.holder()).append('\n').append("  leak trace:\n").append(trace.text().indent(4))
                        .append("  signature: ").append(trace.signature()).append('\n');
            }
        }
        if (problem != null) {
            message.append(problem).append('\n');
        }
        message.append(SelfDump.keep() ? "dump kept: " + dump : "dump deleted (keep it with -D" + SelfDump.KEEP + "=true)");
        return new LeakError(message.toString(), first == null ? "" : first.signature(), 0, alive.size(), List.of(),
                first == null ? "" : first.holder(), first == null ? "" : first.text());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
