package dev.heaptrail.junit.internal;

import com.sun.management.GcInfo;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.List;

/**
 * The live heap of this JVM after a full collection: what it keeps, not what it last allocated.
 * A collection is asked for with {@link System#gc()} and verified through the collectors' counts
 * (a JVM run with {@code -XX:+DisableExplicitGC} does not collect, and must not pass a leak check
 * for it); the heap after it is read from the collection's own record ({@link GcInfo}), so that
 * nothing allocated afterwards counts. Collections are repeated until the floor settles: soft
 * references, finalizers and cleaners free memory over several of them.
 */
public final class HeapFloor {

    /** Two floors this close (bytes) in a row: settled. */
    static final long SETTLED = 1_024;
    static final int MAX_COLLECTIONS = 8;

    private final List<GarbageCollectorMXBean> collectors;
    private final MemoryMXBean memory;
    /** The collectors' records name every pool they touch, code cache and metaspace too; only these count. */
    private final java.util.Set<String> heapPools = new java.util.HashSet<>();

    private HeapFloor(List<GarbageCollectorMXBean> collectors, MemoryMXBean memory) {
        this.collectors = collectors;
        this.memory = memory;
        for (var p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == java.lang.management.MemoryType.HEAP) {
                heapPools.add(p.getName());
            }
        }
    }

    /**
     * The floor of this JVM.
     *
     * @throws IllegalStateException when the JVM has no management beans to read its heap with
     */
    public static HeapFloor ofThisJvm() {
        List<GarbageCollectorMXBean> collectors;
        MemoryMXBean memory;
        try {
            collectors = ManagementFactory.getGarbageCollectorMXBeans();
            memory = ManagementFactory.getMemoryMXBean();
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("heaptrail-junit cannot read this JVM's heap (no java.lang.management beans: " + e
                    + "); a leak check would pass without measuring anything, so it fails instead");
        }
        if (collectors.isEmpty()) {
            throw new IllegalStateException("heaptrail-junit cannot read this JVM's heap: it reports no garbage collector;"
                    + " a leak check would pass without measuring anything, so it fails instead");
        }
        return new HeapFloor(collectors, memory);
    }

    /** Bytes live after a full collection, collected again until two floors in a row agree. */
    public long measure() {
        long previous = collectOnce();
        for (int i = 1; i < MAX_COLLECTIONS; i++) {
            long now = collectOnce();
            if (Math.abs(now - previous) <= SETTLED) {
                return Math.min(now, previous);
            }
            previous = now;
        }
        return previous;
    }

    /** One verified full collection; the heap used after it. */
    long collectOnce() {
        long[] before = counts();
        for (int attempt = 0; attempt < 3; attempt++) {
            System.gc();
            long[] after = counts();
            if (java.util.stream.IntStream.range(0, after.length).anyMatch(i -> after[i] > before[i])) {
                return usedAfter(before, after);
            }
        }
        throw new IllegalStateException("System.gc() did not collect (is the JVM run with -XX:+DisableExplicitGC?):"
                + " heaptrail-junit needs full collections to measure the heap a test keeps; remove that flag for the tests");
    }

    private long[] counts() {
        long[] counts = new long[collectors.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = collectors.get(i).getCollectionCount();
        }
        return counts;
    }

    /** From the newest record of the collectors that ran; the heap's usage now when none keeps one. */
    private long usedAfter(long[] before, long[] after) {
        GcInfo newest = null;
        for (int i = 0; i < after.length; i++) {
            if (after[i] > before[i] && collectors.get(i) instanceof com.sun.management.GarbageCollectorMXBean g) {
                GcInfo info = g.getLastGcInfo();
                if (info != null && (newest == null || info.getEndTime() > newest.getEndTime())) {
                    newest = info;
                }
            }
        }
        if (newest == null) {
            return memory.getHeapMemoryUsage().getUsed();
        }
        long used = 0;
        for (var e : newest.getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(e.getKey())) {
                MemoryUsage u = e.getValue();
                used += u.getUsed();
            }
        }
        return used;
    }
}
