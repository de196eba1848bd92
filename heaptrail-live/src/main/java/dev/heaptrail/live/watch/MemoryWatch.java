package dev.heaptrail.live.watch;

import dev.heaptrail.live.trend.MemorySeries;
import dev.heaptrail.live.trend.Trend;
import dev.heaptrail.live.trend.Verdict;

import java.util.ArrayList;
import java.util.List;

/**
 * The samples of one watch and the verdict they support so far. A JVM is judged area by area:
 * the heap on its floor after collections, direct and mapped buffers, metaspace, and the resident
 * memory its own figures leave unexplained; any other process on its resident memory.
 */
public final class MemoryWatch {

    /** What is known of the watched process before the first sample. */
    public record Target(long pid, boolean jvm, MemoryLimits processLimit, long heapMaxBytes, long maxMetaspaceBytes,
                         long maxDirectBytes, boolean forcedGcs) {}

    /** On the floor after young collections, growth slower than this share of the max heap an hour is no leak. */
    static final double YOUNG_FLOOR_SHARE_PER_HOUR = 0.10;

    private final Target target;
    private final long startEpochMillis;
    private final List<WatchSample> samples = new ArrayList<>();
    private final MemorySeries heapFloor = new MemorySeries();
    private final MemorySeries reclaimedFloor = new MemorySeries();
    private final MemorySeries offHeap = new MemorySeries();
    private final MemorySeries metaspace = new MemorySeries();
    private final MemorySeries unexplained = new MemorySeries();
    private final MemorySeries rss = new MemorySeries();
    private long committedLow = Long.MAX_VALUE;
    private long committedHigh;
    private long heapUsedPeak;
    private double lastFloorSeconds = 0;

    public MemoryWatch(Target target, long startEpochMillis) {
        this.target = target;
        this.startEpochMillis = startEpochMillis;
    }

    public Target target() {
        return target;
    }

    public List<WatchSample> samples() {
        return samples;
    }

    public double seconds(long epochMillis) {
        return (epochMillis - startEpochMillis) / 1000.0;
    }

    public void add(WatchSample s) {
        samples.add(s);
        double t = Math.max(0, seconds(s.epochMillis()));
        rss.add(t, s.rssBytes());
        JvmMemory m = s.jvm();
        if (m == null) {
            return;
        }
        for (GcFloor gc : s.gcs()) {
            if (gc.epochMillis() < startEpochMillis || gc.forced() != target.forcedGcs()) {
                continue; // before the watch, or not the kind of floor this watch judges
            }
            lastFloorSeconds = Math.max(lastFloorSeconds, seconds(gc.epochMillis()));
            heapFloor.add(lastFloorSeconds, gc.heapAfterBytes());
            if (gc.reclaimedOldSpace()) {
                reclaimedFloor.add(lastFloorSeconds, gc.heapAfterBytes());
            }
        }
        long buffers = m.directBufferBytes() + m.mappedBufferBytes();
        offHeap.add(t, buffers);
        metaspace.add(t, m.metaspaceUsedBytes());
        committedLow = Math.min(committedLow, m.heapCommittedBytes());
        committedHigh = Math.max(committedHigh, m.heapCommittedBytes());
        heapUsedPeak = Math.max(heapUsedPeak, m.heapUsedBytes());
        // resident heap: the pages touched so far, which are at most what is committed
        long heapResident = Math.min(m.heapCommittedBytes(), heapUsedPeak);
        unexplained.add(t, s.rssBytes() - heapResident - m.metaspaceCommittedBytes() - m.codeCacheCommittedBytes()
                - buffers);
    }

    /** The verdict on the samples so far. */
    public WatchVerdict verdict() {
        List<String> notes = new ArrayList<>();
        List<AreaTrend> areas = new ArrayList<>();
        MemoryLimits limit = target.processLimit();
        long rssNow = samples.isEmpty() ? 0 : samples.get(samples.size() - 1).rssBytes();
        if (!target.jvm()) {
            areas.add(area(Area.RSS, "resident memory (VmRSS)", rss, limit.bytes(), limit.name(), rssNow, true));
            return decide(areas, Area.RSS, notes);
        }
        AreaTrend heap = heap(rssNow, notes);
        areas.add(heap);
        areas.add(area(Area.OFF_HEAP, "direct and mapped buffers", offHeap, target.maxDirectBytes(),
                "MaxDirectMemorySize", rssNow, true));
        boolean metaLimited = target.maxMetaspaceBytes() > 0;
        areas.add(area(Area.METASPACE, "metaspace used", metaspace, metaLimited ? target.maxMetaspaceBytes() : limit.bytes(),
                metaLimited ? "MaxMetaspaceSize" : limit.name(), rssNow, true));
        // a growing or resized heap touches pages that resident memory counts before the heap's figures can
        String unjudged = committedHigh - committedLow > 0.05 * committedHigh ? "the heap was resized during the watch"
                : heap.trend().verdict() == Verdict.LEAK ? "the growing heap shows in resident memory too" : null;
        areas.add(area(Area.NATIVE, "resident memory minus the heap, metaspace, code cache and buffers"
                + (unjudged == null ? "" : " (not judged: " + unjudged + ")"), unexplained, limit.bytes(), limit.name(),
                rssNow, unjudged == null));
        return decide(areas, Area.HEAP, notes);
    }

    /**
     * The points {@code area} is judged on, in time order (seconds into the watch, bytes): for the heap
     * the floor {@link #verdict} chooses, for the others the figure itself. For drawing them; not a copy.
     */
    public MemorySeries series(Area area) {
        return switch (area) {
            case HEAP -> heapFloor();
            case OFF_HEAP -> offHeap;
            case METASPACE -> metaspace;
            case NATIVE -> unexplained;
            case RSS -> rss;
        };
    }

    /**
     * The heap's floor the verdict judges: after forced collections; else after those that freed
     * old space, when they cover the watch; else after every collection.
     */
    private MemorySeries heapFloor() {
        if (!target.forcedGcs() && Trend.covers(reclaimedFloor, heapFloor)
                && Trend.of(reclaimedFloor, target.heapMaxBytes()).judged()) {
            return reclaimedFloor;
        }
        return heapFloor;
    }

    /**
     * The heap, on the best floor there is: after forced full collections; else after the
     * collections that freed old space (full and mixed), when they cover the watch; else after every
     * collection, where what young collections promote also counts as growth (said in a note).
     * With too few collections there is no floor: garbage not yet collected cannot be told from a
     * leak, so the heap stays inconclusive.
     */
    private AreaTrend heap(long rssNow, List<String> notes) {
        String signal;
        MemorySeries floor = heapFloor();
        if (target.forcedGcs()) {
            signal = "heap after forced full collections (--gc-every)";
        } else if (floor == reclaimedFloor) {
            signal = "heap after collections that freed old-generation space";
        } else {
            signal = "heap after each collection, young ones included";
            if (Trend.of(heapFloor, target.heapMaxBytes()).judged()) {
                notes.add("too few collections freed old-generation space during the watch to judge on them alone: the"
                        + " floor after young collections also rises by what they promote; watch longer, or use"
                        + " --gc-every for exact floors");
            }
        }
        // promotion raises the floor after young collections for hours before G1 marks the old generation
        // (a few MB an hour is common); on that signal alone, only growth of 10 % of the heap an hour is a leak
        double atLeast = floor == heapFloor && !target.forcedGcs() ? YOUNG_FLOOR_SHARE_PER_HOUR * target.heapMaxBytes() : 0;
        AreaTrend a = area(Area.HEAP, signal, floor, target.heapMaxBytes(), "-Xmx", rssNow, true, atLeast);
        if (!a.trend().judged()) {
            Trend none = Trend.inconclusive("only " + floor.size() + (floor.size() == 1 ? " collection" : " collections")
                    + " during the watch: too few floors to tell garbage not yet collected from a leak; watch longer,"
                    + " or use --gc-every 10s to force them");
            a = new AreaTrend(Area.HEAP, signal, none, a.limitBytes(), a.limitName(), null, true);
        }
        return a;
    }

    private AreaTrend area(Area area, String signal, MemorySeries series, long limitBytes, String limitName, long rssNow,
                           boolean judged) {
        return area(area, signal, series, limitBytes, limitName, rssNow, judged, 0);
    }

    private AreaTrend area(Area area, String signal, MemorySeries series, long limitBytes, String limitName, long rssNow,
                           boolean judged, double atLeastPerHour) {
        // the heap and a plain process are sized by their own floor; a part of a JVM by the whole process
        Trend trend = area == Area.HEAP || area == Area.RSS ? Trend.of(series, limitBytes, Double.NaN, atLeastPerHour)
                : Trend.of(series, limitBytes, rssNow);
        Double toLimit = trend.secondsTo(limitBytes);
        String name = limitName;
        long bytes = limitBytes;
        // the process may meet its own limit (container, machine) before the area meets its own
        MemoryLimits process = target.processLimit();
        if (trend.verdict() == Verdict.LEAK && process.bytes() > 0 && area != Area.RSS && area != Area.NATIVE) {
            double toProcess = Math.max(0, (process.bytes() - rssNow) / trend.slopeBytesPerHour() * 3600);
            if (toLimit == null || toProcess < toLimit) {
                toLimit = toProcess;
                name = process.name();
                bytes = process.bytes();
            }
        }
        return new AreaTrend(area, signal, trend, bytes, name, toLimit, judged);
    }

    private static WatchVerdict decide(List<AreaTrend> areas, Area main, List<String> notes) {
        AreaTrend mainArea = null;
        for (AreaTrend a : areas) {
            if (a.judged() && a.trend().verdict() == Verdict.LEAK) {
                return new WatchVerdict(Verdict.LEAK, a.area(), a, areas, notes);
            }
            if (a.area() == main) {
                mainArea = a;
            }
        }
        return new WatchVerdict(mainArea.trend().verdict(), null, mainArea, areas, notes);
    }
}
