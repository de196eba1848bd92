package dev.heaptrail.live.watch;

import com.sun.management.GcInfo;
import com.sun.management.HotSpotDiagnosticMXBean;

import javax.management.MBeanServerConnection;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.RuntimeMXBean;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a JVM's memory through its platform MXBeans, locally or over a JMX connection. The beans
 * are looked up once; each sample is a few attribute reads. Collections are found by polling each
 * collector's last GcInfo rather than by notifications: the cost stays the same however often the
 * target collects, and a floor per sample is all the trend needs.
 */
public final class JvmSampler {

    private final MBeanServerConnection server;
    private final MemoryMXBean memory;
    private final ThreadMXBean threads;
    private final List<MemoryPoolMXBean> metaspace = new ArrayList<>();
    private final List<MemoryPoolMXBean> codeCache = new ArrayList<>();
    private final List<com.sun.management.GarbageCollectorMXBean> collectors = new ArrayList<>();
    private final Map<String, Long> lastGcId = new HashMap<>();
    private final Map<String, GcFloor> lastFloor = new HashMap<>();
    private final Set<String> heapPools = new HashSet<>();
    private final String oldPool;
    private final BufferPoolMXBean direct;
    private final BufferPoolMXBean mapped;
    private final long startEpochMillis;
    private final long maxMetaspace;
    private final long maxDirect;

    public JvmSampler(MBeanServerConnection server) throws IOException {
        this.server = server;
        memory = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
        threads = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class);
        RuntimeMXBean runtime = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.RUNTIME_MXBEAN_NAME,
                RuntimeMXBean.class);
        startEpochMillis = runtime.getStartTime();
        String old = null;
        long metaMax = -1;
        for (MemoryPoolMXBean pool : ManagementFactory.getPlatformMXBeans(server, MemoryPoolMXBean.class)) {
            String name = pool.getName();
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(name);
                if (name.contains("Old") || name.contains("Tenured")) {
                    old = name;
                }
            } else if (name.equals("Metaspace")) {
                metaspace.add(pool);
                metaMax = pool.getUsage().getMax();
            } else if (name.startsWith("CodeHeap") || name.equals("Code Cache")) {
                codeCache.add(pool);
            }
        }
        oldPool = old;
        maxMetaspace = metaMax;
        collectors.addAll(ManagementFactory.getPlatformMXBeans(server, com.sun.management.GarbageCollectorMXBean.class));
        BufferPoolMXBean d = null;
        BufferPoolMXBean m = null;
        for (BufferPoolMXBean b : ManagementFactory.getPlatformMXBeans(server, BufferPoolMXBean.class)) {
            if (b.getName().equals("direct")) {
                d = b;
            } else if (b.getName().equals("mapped")) {
                m = b;
            }
        }
        direct = d;
        mapped = m;
        maxDirect = maxDirectMemory(server, memory.getHeapMemoryUsage().getMax());
    }

    private static long maxDirectMemory(MBeanServerConnection server, long heapMax) {
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.newPlatformMXBeanProxy(server,
                    "com.sun.management:type=HotSpotDiagnostic", HotSpotDiagnosticMXBean.class);
            long set = Long.parseLong(hotspot.getVMOption("MaxDirectMemorySize").getValue());
            return set > 0 ? set : heapMax; // 0: the JDK's default, the heap's maximum
        } catch (IOException | RuntimeException e) {
            return heapMax; // not HotSpot: assume the default
        }
    }

    /** The most metaspace may hold (MaxMetaspaceSize), -1 when unlimited. */
    public long maxMetaspaceBytes() {
        return maxMetaspace;
    }

    /** The most direct buffers may hold (MaxDirectMemorySize, or its default: the heap's maximum). */
    public long maxDirectBytes() {
        return maxDirect;
    }

    /**
     * The stack each Java thread reserves (ThreadStackSize), 0 when the JVM leaves it to the system
     * or is not HotSpot. Does I/O.
     */
    public long threadStackSizeBytes() {
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.newPlatformMXBeanProxy(server,
                    "com.sun.management:type=HotSpotDiagnostic", HotSpotDiagnosticMXBean.class);
            return Long.parseLong(hotspot.getVMOption("ThreadStackSize").getValue()) * 1024; // the option is in KiB
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * Runs a full collection in the target ({@code System.gc()}) and returns the heap right after
     * it, from the collection's own GcInfo: reading the heap's usage afterwards would add what the
     * application allocated in between.
     */
    public GcFloor forceGc() {
        memory.gc();
        GcInfo newest = null;
        String by = null;
        for (com.sun.management.GarbageCollectorMXBean c : collectors) {
            GcInfo info = c.getLastGcInfo();
            if (info != null && (newest == null || info.getEndTime() > newest.getEndTime())) {
                newest = info;
                by = c.getName();
            }
        }
        if (newest == null) { // a collector that keeps no GcInfo: the usage now is the best there is
            return new GcFloor(System.currentTimeMillis(), memory.getHeapMemoryUsage().getUsed(), -1, true, true);
        }
        lastGcId.put(by, newest.getId()); // not seen again as an ordinary collection
        GcFloor f = floor(newest);
        lastFloor.put(by, f);
        return new GcFloor(f.epochMillis(), f.heapAfterBytes(), f.oldGenAfterBytes(), true, true);
    }

    /** The figures now, and the collections that ended since the previous call (in time order). */
    public Reading read() {
        MemoryUsage heap = memory.getHeapMemoryUsage();
        long[] meta = sum(metaspace);
        long[] code = sum(codeCache);
        long gcCount = 0;
        long gcTime = 0;
        List<GcFloor> gcs = new ArrayList<>();
        GcFloor latest = null;
        for (com.sun.management.GarbageCollectorMXBean c : collectors) {
            long count = c.getCollectionCount();
            gcCount += Math.max(0, count);
            gcTime += Math.max(0, c.getCollectionTime());
            GcFloor floor = lastFloor.get(c.getName());
            Long seen = lastGcId.get(c.getName());
            // the GcInfo (a large composite over JMX) only when this collector has run since: the target
            // answers an idle collector's two counters and nothing more
            if (seen == null || count > seen) {
                GcInfo info = c.getLastGcInfo();
                if (info != null && (seen == null || info.getId() != seen)) {
                    floor = floor(info);
                    lastFloor.put(c.getName(), floor);
                    lastGcId.put(c.getName(), info.getId());
                    gcs.add(floor);
                }
            }
            if (floor != null && (latest == null || floor.epochMillis() > latest.epochMillis())) {
                latest = floor;
            }
        }
        gcs.sort(Comparator.comparingLong(GcFloor::epochMillis));
        JvmMemory m = new JvmMemory(heap.getUsed(), heap.getCommitted(), heap.getMax(),
                latest == null ? -1 : latest.heapAfterBytes(), latest == null ? -1 : latest.oldGenAfterBytes(),
                meta[0], meta[1], code[0], code[1], direct == null ? 0 : direct.getMemoryUsed(),
                mapped == null ? 0 : mapped.getMemoryUsed(), threads.getThreadCount(), gcCount, gcTime);
        return new Reading(m, gcs);
    }

    /** One read: the figures and the collections new since the last read. */
    public record Reading(JvmMemory memory, List<GcFloor> newCollections) {}

    /** Whether the memory pool of this name is part of the heap. */
    public boolean isHeapPool(String name) {
        return heapPools.contains(name);
    }

    /** The heap after the collection {@code info} describes (from a notification, say). */
    public GcFloor floor(GcInfo info) {
        long after = 0;
        for (Map.Entry<String, MemoryUsage> e : info.getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(e.getKey())) {
                after += e.getValue().getUsed();
            }
        }
        long oldAfter = -1;
        boolean reclaimed = false;
        if (oldPool != null) {
            MemoryUsage a = info.getMemoryUsageAfterGc().get(oldPool);
            MemoryUsage b = info.getMemoryUsageBeforeGc().get(oldPool);
            if (a != null) {
                oldAfter = a.getUsed();
                reclaimed = b != null && a.getUsed() < b.getUsed();
            }
        } else {
            reclaimed = true; // one pool (ZGC, Shenandoah): every collection marks the whole heap
        }
        return new GcFloor(startEpochMillis + info.getEndTime(), after, oldAfter, reclaimed, false);
    }

    private static long[] sum(List<MemoryPoolMXBean> pools) {
        long used = 0;
        long committed = 0;
        for (MemoryPoolMXBean p : pools) {
            MemoryUsage u = p.getUsage();
            if (u != null) {
                used += u.getUsed();
                committed += u.getCommitted();
            }
        }
        return new long[] {used, committed};
    }
}
