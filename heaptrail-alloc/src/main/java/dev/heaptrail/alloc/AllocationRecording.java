package dev.heaptrail.alloc;

import dev.heaptrail.alloc.SiteEstimate.SurvivorKind;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a JFR recording (the JDK's or async-profiler's, or both concatenated as {@code heaptrail
 * alloc} writes them) into an {@link AllocationReport}: tracemalloc's statistics and
 * {@code compare_to}, for the JVM.
 */
public final class AllocationRecording {

    /** Flame-graph stacks kept: the heaviest; the rest would be slivers no one can read. */
    private static final int STACKS = 5_000;

    private AllocationRecording() {}

    /** The sites of one recording, ranked by estimated surviving bytes (by allocation rate without survivors). */
    public static AllocationReport read(Path file, SiteOptions options) throws IOException {
        Read r = tally(file, options);
        List<Ranked> ranked = rank(r, null, options);
        return report(r, null, ranked, null, options);
    }

    /** The sites of {@code later} ranked by what grew since {@code earlier}, as tracemalloc's {@code compare_to}. */
    public static AllocationReport compare(Path later, Path earlier, SiteOptions options) throws IOException {
        Read now = tally(later, options);
        Read before = tally(earlier, options);
        List<Ranked> ranked = rank(now, before, options);
        return report(now, before, ranked, earlier.toString(), options);
    }

    /** A file's tally and what the estimates of its sites rest on. */
    private record Read(RecordingTally tally, RecordingChunks.Span span, Source source, SurvivorKind survivors,
                        boolean tlabFamily, double meanWeight, long oldestBirth, Duration minAge, List<String> notes) {

        SiteEstimate estimate(SiteTally t) {
            return SiteEstimate.of(t, survivors, tlabFamily, meanWeight, oldestBirth);
        }
    }

    private static Read tally(Path file, SiteOptions options) throws IOException {
        RecordingChunks.Span span = RecordingChunks.check(file);
        RecordingTally tally = new RecordingTally(options);
        boolean asyncProfiler;
        try (RecordingParts parts = RecordingParts.open(file, span)) {
            asyncProfiler = parts.asyncProfiler();
            for (RecordingParts.Part part : parts.parts()) {
                try {
                    tally.read(part.file());
                } catch (IOException | RuntimeException | StackOverflowError | OutOfMemoryError | InternalError e) {
                    // The chunk headers were whole, so the fault is inside a chunk: corrupt, or not written by a JFR writer.
                    // (The JDK's parser says "Pool ... must contain at least one element" with an InternalError.)
                    throw new RecordingFormatException(file, -1, "corrupt JFR recording (" + describe(e)
                            + "); record it again, or read it with 'jfr summary' to see where", e);
                }
            }
        }
        SurvivorKind survivors = tally.liveObjects > 0 || (asyncProfiler && tally.liveProfiled) ? SurvivorKind.ASYNC_PROFILER
                : tally.oldObjects > 0 || tally.oldObjectsSampled ? SurvivorKind.JFR : SurvivorKind.NONE;
        boolean tlabFamily = tally.tlabEvents > 0;
        long bytes = 0;
        long samples = 0;
        for (SiteTally t : tally.sites.values()) {
            bytes += tlabFamily ? t.tlabBytes : t.sampledBytes;
            samples += tlabFamily ? t.tlabSamples : t.sampledSamples;
        }
        double meanWeight = samples > 0 ? (double) bytes / samples : 0;
        Duration minAge = options.minAge() != null ? options.minAge()
                : Duration.ofMillis(Math.max(1_000, Math.min(10_000, (long) (span.seconds() * 100))));
        // Objects allocated after the final collection were never asked to die: count from it, not from the end.
        boolean afterCollection = tally.finalCollectionNanos > span.startNanos() && tally.finalCollectionNanos < span.endNanos();
        long oldestBirth = (afterCollection ? tally.finalCollectionNanos : span.endNanos()) - minAge.toNanos();
        List<String> notes = new ArrayList<>();
        switch (survivors) {
            case NONE -> notes.add("the recording has no survivor samples (jdk.OldObjectSample, profiler.LiveObject):"
                    + " sites are ranked by allocation rate only; heaptrail alloc PID records survivors");
            case JFR -> notes.add("survivors are JFR's old-object samples: it keeps at most 256 and favours recent ones"
                    + " on a busy program, so they are counted as sampled objects, not estimated; start the JVM with"
                    + " -XX:FlightRecorderOptions=old-object-queue-size=20000 to keep more, or let heaptrail alloc PID"
                    + " estimate with async-profiler");
            case ASYNC_PROFILER -> { }
        }
        if (survivors != SurvivorKind.NONE) {
            notes.add("survivors allocated in the last " + seconds(minAge) + (afterCollection ? " before the final"
                    + " collection, or after it," : " of the recording") + " are left out (objects still in use by work in"
                    + " flight); --min-age changes that");
        }
        return new Read(tally, span, asyncProfiler ? Source.ASYNC_PROFILER : Source.JFR, survivors, tlabFamily,
                meanWeight, oldestBirth, minAge, notes);
    }

    /** A site, its estimate and, under a comparison, its growth. */
    private record Ranked(SiteTally tally, SiteEstimate estimate, AllocationSite.Growth growth, double key) {}

    private static List<Ranked> rank(Read now, Read before, SiteOptions options) {
        List<Ranked> all = new ArrayList<>();
        Set<List<Frame>> keys = new LinkedHashSet<>(now.tally().sites.keySet());
        if (before != null) {
            keys.addAll(before.tally().sites.keySet());
        }
        for (List<Frame> key : keys) {
            SiteTally t = now.tally().sites.getOrDefault(key, new SiteTally(key));
            SiteEstimate e = now.estimate(t);
            if (before == null) {
                all.add(new Ranked(t, e, null, e.rankKey()));
                continue;
            }
            SiteEstimate was = before.estimate(before.tally().sites.getOrDefault(key, new SiteTally(key)));
            Long bytes = difference(e.survivingBytes(), was.survivingBytes());
            Long objects = difference(e.survivingObjects(), was.survivingObjects());
            all.add(new Ranked(t, e, new AllocationSite.Growth(bytes, objects,
                    growing(e.survivorSamples(), was.survivorSamples())), e.rankKey() - was.rankKey()));
        }
        all.sort(Comparator.comparingDouble(Ranked::key).reversed()
                .thenComparing(r -> -r.estimate().allocatedBytes())
                .thenComparing(r -> r.tally().frames.toString()));
        return all.subList(0, Math.min(all.size(), Math.max(0, options.top())));
    }

    /**
     * Whether survivors grew by more than sampling explains: survivor counts are about Poisson, so
     * a difference within two standard deviations of the pair (and of one sample) is noise.
     */
    static boolean growing(long later, long earlier) {
        long difference = later - earlier;
        return difference > 0 && difference > 2 * Math.sqrt(later + earlier) + 1;
    }

    private static Long difference(Long later, Long earlier) {
        return later == null || earlier == null ? null : later - earlier;
    }

    private static AllocationReport report(Read r, Read before, List<Ranked> ranked, String comparedTo, SiteOptions options) {
        double seconds = r.span().seconds();
        Double duration = seconds > 0 ? Math.round(seconds * 1000) / 1000.0 : null;
        boolean rates = (r.tally().tlabEvents + r.tally().sampleEvents) > 0 && duration != null;
        List<AllocationSite> sites = new ArrayList<>(ranked.size());
        int rank = 1;
        for (Ranked x : ranked) {
            SiteEstimate e = x.estimate();
            Double rate = rates ? (double) Math.round(e.allocatedBytes() / seconds) : null; // estimates: whole bytes
            sites.add(new AllocationSite(rank++, x.tally().frames, e.survivingBytes(), e.survivingObjects(),
                    e.allocationSamples() + e.survivorSamples(), rate, e.topClass(), x.tally().path, x.growth()));
        }
        List<SurvivingStack> stacks = stacks(r, before);
        List<String> notes = new ArrayList<>(r.notes());
        if (!sites.isEmpty() && sites.get(0).path().isEmpty() && sites.get(0).survivingObjects() != null
                && sites.get(0).survivingObjects() > 0) {
            notes.add(r.tally().oldObjects == 0
                    ? "no reference chains: the recording has no JFR old-object samples (jdk.OldObjectSample with"
                      + " path-to-gc-roots=true) beside its survivors"
                    : "no reference chain for site 1: none of the recording's " + r.tally().oldObjects + " JFR old-object"
                      + " sample(s) was allocated there; the JVM keeps 256 at most, mostly recent ones, so start it with"
                      + " -XX:FlightRecorderOptions=old-object-queue-size=20000 to keep more, or take a heap dump"
                      + " (heaptrail analyze) for the full path");
        }
        return new AllocationReport(List.copyOf(sites), r.tally().samples, duration, r.source(), r.tally().jvm,
                r.survivors() != SurvivorKind.NONE, stacks, comparedTo, List.copyOf(notes));
    }

    /** The flame graph's stacks: their surviving bytes, or under a comparison what they grew by (growth only). */
    private static List<SurvivingStack> stacks(Read r, Read before) {
        Map<List<Frame>, Long> bytes = stackBytes(r);
        if (before != null) {
            stackBytes(before).forEach((stack, was) -> bytes.computeIfPresent(stack, (k, now) -> now - was));
            bytes.values().removeIf(b -> b <= 0);
        }
        return bytes.entrySet().stream()
                .sorted(Map.Entry.<List<Frame>, Long>comparingByValue().reversed())
                .limit(STACKS)
                .map(e -> new SurvivingStack(e.getKey(), e.getValue()))
                .toList();
    }

    private static Map<List<Frame>, Long> stackBytes(Read r) {
        Map<List<Frame>, Long> bytes = new HashMap<>();
        for (SiteTally t : r.tally().stacks.values()) {
            SiteEstimate e = r.estimate(t);
            long b = r.survivors() == SurvivorKind.NONE ? e.allocatedBytes()
                    : e.survivingBytes() != null ? e.survivingBytes() : e.survivorSamples();
            if (b > 0) {
                bytes.put(t.frames, b);
            }
        }
        return bytes;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1e3);
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m.lines().findFirst().orElse(""));
    }
}
