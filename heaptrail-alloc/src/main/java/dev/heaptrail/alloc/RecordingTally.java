package dev.heaptrail.alloc;

import dev.heaptrail.heap.JavaClassNames;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedObject;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One pass over a JFR file's events, streamed (never all in memory), into a {@link SiteTally} per
 * site and per flame-graph stack. Which events count:
 * <ul>
 *   <li>allocation samples: {@code jdk.ObjectAllocationInNewTLAB} ({@code tlabSize} is the bytes the
 *       sample stands for: the new TLAB for the JDK, the sampling interval for async-profiler),
 *       {@code jdk.ObjectAllocationOutsideTLAB} ({@code allocationSize}) and
 *       {@code jdk.ObjectAllocationSample} ({@code weight});</li>
 *   <li>survivor samples: async-profiler's {@code profiler.LiveObject} (sampled objects still alive
 *       when the profile was written) and the JDK's {@code jdk.OldObjectSample} (alive when the
 *       recording was dumped; with a reference chain when dumped with path-to-gc-roots);</li>
 *   <li>{@code jdk.GarbageCollection}: when the final full collection (GC.run, GC.class_histogram) began.</li>
 * </ul>
 */
final class RecordingTally {

    static final String LIVE_OBJECT = "profiler.LiveObject";
    static final String OLD_OBJECT = "jdk.OldObjectSample";

    final SiteKeys keys;
    final Map<List<Frame>, SiteTally> sites = new LinkedHashMap<>();
    /** The same per whole stack (cut to --depth), for the flame graph. */
    final Map<List<Frame>, SiteTally> stacks = new HashMap<>();
    long samples;
    long liveObjects;
    long oldObjects;
    /** async-profiler ran with {@code live} (its settings say so): no LiveObject event then means none survived. */
    boolean liveProfiled;
    /** The JDK's old-object sampler was on: no OldObjectSample event then means none survived. */
    boolean oldObjectsSampled;
    long tlabEvents;
    long sampleEvents;
    /** When the last full collection that heaptrail alloc (or jcmd) asked for began (epoch nanos), or 0. */
    long finalCollectionNanos;
    String jvm;

    /** Each thread's earliest jdk.ObjectAllocationSample so far, per part (a part's thread ids are its own). */
    private final Long2ObjectOpenHashMap<FirstSample> firstSamples = new Long2ObjectOpenHashMap<>();

    /** A thread's earliest allocation sample: taken back once the part is read. */
    private record FirstSample(long startNanos, long weight, SiteTally[] tallies, String className) {}

    private final StackFrames frames = new StackFrames();
    /**
     * Per recorded stack (the parser shares one object per stack in a chunk): its site's and its
     * flame stack's tallies, so that most events cost one identity lookup. Emptied when large.
     */
    private final Map<RecordedStackTrace, SiteTally[]> resolved = new IdentityHashMap<>();
    private static final SiteTally[] FILTERED = new SiteTally[0];

    RecordingTally(SiteOptions options) {
        this.keys = new SiteKeys(options);
    }

    /** Reads every event of {@code file}; the file's chunks were checked by {@link RecordingChunks}. */
    void read(Path file) throws IOException {
        resolved.clear(); // another file's parser objects: never the same again
        classNames.clear();
        firstSamples.clear();
        oldObjectTypeIds.clear();
        try (RecordingFile recording = new RecordingFile(file)) {
            for (EventType t : recording.readEventTypes()) {
                if (t.getName().equals(OLD_OBJECT)) {
                    oldObjectTypeIds.add(t.getId());
                }
            }
            while (recording.hasMoreEvents()) {
                add(recording.readEvent());
            }
        }
        takeBackFirstSamples();
    }

    /** What an event is to the tally, found once per event type (the parser shares one EventType object). */
    private enum Kind { NEW_TLAB, OUTSIDE_TLAB, ALLOCATION_SAMPLE, LIVE, OLD, JVM, COLLECTION, SETTING, OTHER }

    /** The ids the file gives jdk.OldObjectSample (settings name event types by id). */
    private final LongOpenHashSet oldObjectTypeIds = new LongOpenHashSet();

    private final Map<EventType, Kind> kinds = new IdentityHashMap<>();
    /** Readable class names per recorded class: the parser's getName() builds a new string each call. */
    private final Map<RecordedClass, String> classNames = new IdentityHashMap<>();

    private void add(RecordedEvent e) {
        Kind kind = kinds.computeIfAbsent(e.getEventType(), t -> switch (t.getName()) {
            case "jdk.ObjectAllocationInNewTLAB" -> Kind.NEW_TLAB;
            case "jdk.ObjectAllocationOutsideTLAB" -> Kind.OUTSIDE_TLAB;
            case "jdk.ObjectAllocationSample" -> Kind.ALLOCATION_SAMPLE;
            case LIVE_OBJECT -> Kind.LIVE;
            case OLD_OBJECT -> Kind.OLD;
            case "jdk.JVMInformation" -> Kind.JVM;
            case "jdk.GarbageCollection" -> Kind.COLLECTION;
            case "jdk.ActiveSetting" -> Kind.SETTING;
            default -> Kind.OTHER;
        });
        switch (kind) {
            case NEW_TLAB -> allocation(e, e.getLong("tlabSize"), true);
            case OUTSIDE_TLAB -> allocation(e, e.getLong("allocationSize"), true);
            case ALLOCATION_SAMPLE -> sample(e);
            case COLLECTION -> {
                String cause = e.getString("cause");
                // GC.run, and GC.class_histogram where -XX:+DisableExplicitGC makes GC.run nothing
                if ("Diagnostic Command".equals(cause) || "Heap Inspection Initiated GC".equals(cause)) {
                    Instant at = e.getStartTime();
                    finalCollectionNanos = Math.max(finalCollectionNanos, at.getEpochSecond() * 1_000_000_000L + at.getNano());
                }
            }
            case LIVE -> survivor(e, e.getLong("allocationSize"), true);
            case OLD -> survivor(e, oldObjectSize(e), false);
            case JVM -> {
                if (jvm == null) {
                    jvm = e.getString("jvmName") + " " + e.getString("jvmVersion");
                }
            }
            case SETTING -> setting(e);
            case OTHER -> { }
        }
    }

    /**
     * Whether survivors were being sampled at all: a clean program's recording may hold no survivor
     * event, and must then read as "none survived", not as "survivors unknown" (a comparison with
     * it would have nothing to subtract).
     */
    private void setting(RecordedEvent e) {
        String name = e.getString("name");
        if ("live".equals(name) && "true".equals(e.getString("value"))) {
            liveProfiled = true; // async-profiler's own setting; the JDK has none of that name
        } else if ("enabled".equals(name) && "true".equals(e.getString("value")) && oldObjectTypeIds.contains(e.getLong("id"))) {
            oldObjectsSampled = true;
        }
    }

    /**
     * A jdk.ObjectAllocationSample, counted, and remembered when it is its thread's earliest. The JDK
     * weighs a sample by the bytes its thread allocated since its previous sample, so a thread's
     * first one in a recording stands for everything since the thread's start or an earlier
     * recording (64 GB seen on a long-running thread), not for this recording's window. Events come
     * in the order of the threads' buffers, not of time, so the earliest is known only at the end.
     */
    private void sample(RecordedEvent e) {
        long weight = e.getLong("weight");
        SiteTally[] t = allocation(e, weight, false);
        RecordedThread thread = e.getThread();
        if (thread == null) {
            return;
        }
        Instant at = e.getStartTime();
        long nanos = at.getEpochSecond() * 1_000_000_000L + at.getNano();
        FirstSample first = firstSamples.get(thread.getId());
        if (first == null || nanos < first.startNanos()) {
            firstSamples.put(thread.getId(), new FirstSample(nanos, weight, t,
                    t == FILTERED ? null : cachedName(e.getClass("objectClass"))));
        }
    }

    private void takeBackFirstSamples() {
        for (FirstSample first : firstSamples.values()) {
            if (first.tallies() != FILTERED) {
                SiteTally site = first.tallies()[0];
                SiteTally stack = first.tallies()[1];
                site.unallocated(first.className(), first.weight());
                stack.unallocated(first.className(), first.weight());
                samples--;
                sampleEvents--;
                // a site or stack that had that sample alone is not one of this recording's
                if (site.empty()) {
                    sites.remove(site.frames);
                }
                if (stack.empty()) {
                    stacks.remove(stack.frames);
                }
            }
        }
        firstSamples.clear();
    }

    /** The site's and the flame stack's tallies of an event's stack; empty when --filter leaves it out. */
    private SiteTally[] tallies(RecordedStackTrace recorded) {
        SiteTally[] known = recorded == null ? null : resolved.get(recorded);
        if (known != null) {
            return known;
        }
        List<Frame> stack = frames.of(recorded);
        List<Frame> site = keys.siteOf(stack);
        SiteTally[] found = FILTERED;
        if (site != null) {
            SiteTally siteTally = sites.computeIfAbsent(site, SiteTally::new);
            found = new SiteTally[] {siteTally, stacks.computeIfAbsent(keys.flameStackOf(stack), s -> new SiteTally(s, siteTally))};
        }
        if (recorded != null) {
            if (resolved.size() >= 200_000) {
                resolved.clear();
            }
            resolved.put(recorded, found);
        }
        return found;
    }

    private SiteTally[] allocation(RecordedEvent e, long weight, boolean tlab) {
        SiteTally[] t = tallies(e.getStackTrace());
        if (t == FILTERED) {
            return t;
        }
        samples++;
        if (tlab) {
            tlabEvents++;
        } else {
            sampleEvents++;
        }
        String className = cachedName(e.getClass("objectClass"));
        t[0].allocated(className, weight, tlab);
        t[1].allocated(className, weight, tlab);
        return t;
    }

    private void survivor(RecordedEvent e, long size, boolean live) {
        SiteTally[] t = tallies(e.getStackTrace());
        if (t == FILTERED) {
            return;
        }
        samples++;
        if (live) {
            liveObjects++;
        } else {
            oldObjects++;
        }
        Instant allocated = e.getInstant("allocationTime");
        long at = allocated.getEpochSecond() * 1_000_000_000L + allocated.getNano();
        String className = live ? cachedName(e.getClass("objectClass")) : oldObjectClass(e);
        SiteTally tally = t[0];
        SiteTally flame = t[1];
        // A file from heaptrail alloc holds async-profiler's survivors and, beside them, the JDK's
        // old-object samples for their reference chains: then the latter give chains only.
        tally.survived(className, at, size, live);
        flame.survived(className, at, size, live);
        if (!live) {
            tally.path(RetentionChains.of(e.getValue("object"), e.getValue("root")));
        }
    }

    /** JDK 25's objectSize; before, an array's size from its length; else unknown (-1). */
    private static long oldObjectSize(RecordedEvent e) {
        if (e.hasField("objectSize")) {
            return e.getLong("objectSize");
        }
        RecordedObject object = e.getValue("object");
        int elements = e.hasField("arrayElements") ? e.getInt("arrayElements") : -1;
        String name = object == null ? null : oldObjectClass(e);
        if (elements >= 0 && name != null && name.endsWith("[]")) {
            return 16 + (long) elements * elementSize(name);
        }
        return -1;
    }

    private static int elementSize(String arrayClass) {
        return switch (arrayClass) {
            case "byte[]", "boolean[]" -> 1;
            case "char[]", "short[]" -> 2;
            case "int[]", "float[]" -> 4;
            case "long[]", "double[]" -> 8;
            default -> 4; // references, compressed (the common case up to 32 GB heaps)
        };
    }

    private static String oldObjectClass(RecordedEvent e) {
        RecordedObject object = e.getValue("object");
        return object == null ? "?" : className(object.getValue("type"));
    }

    private String cachedName(RecordedClass c) {
        if (c == null) {
            return "?";
        }
        String name = classNames.get(c);
        if (name == null) {
            if (classNames.size() >= 100_000) {
                classNames.clear(); // a new chunk's classes are new objects: keep the cache bounded
            }
            name = className(c);
            classNames.put(c, name);
        }
        return name;
    }

    private static String className(RecordedClass c) {
        return c == null || c.getName() == null ? "?" : JavaClassNames.fromJvm(c.getName());
    }
}
