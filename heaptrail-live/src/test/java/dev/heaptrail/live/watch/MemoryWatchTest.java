package dev.heaptrail.live.watch;

import dev.heaptrail.live.trend.Verdict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which signal and area a watch judges, on samples shaped like a JVM's under G1. */
class MemoryWatchTest {

    static final long MB = 1 << 20;
    static final long HEAP_MAX = 1024 * MB;
    static final long START = 1_000_000_000L;
    static final MemoryLimits MACHINE = new MemoryLimits(16L << 30, "physical memory");

    static MemoryWatch jvm(boolean forced) {
        return new MemoryWatch(new MemoryWatch.Target(1, true, MACHINE, HEAP_MAX, -1, HEAP_MAX, forced), START);
    }

    /** A 2-second sample of a JVM at second {@code t}. */
    static WatchSample sample(int t, long rss, long committed, long used, long buffers, List<GcFloor> gcs) {
        JvmMemory m = new JvmMemory(used, committed, HEAP_MAX, -1, -1, 40 * MB, 42 * MB, 10 * MB, 12 * MB, buffers, 0,
                30, t, t);
        return new WatchSample(START + t * 1000L, rss, rss, m, gcs);
    }

    static GcFloor young(int t, long after) {
        return new GcFloor(START + t * 1000L - 500, after, after - 20 * MB, false, false);
    }

    static GcFloor mixed(int t, long after) {
        return new GcFloor(START + t * 1000L - 500, after, after - 20 * MB, true, false);
    }

    @Test
    void youngFloorsRisingWithPromotionDoNotOutvoteFlatFloorsAfterMixedCollections() {
        MemoryWatch w = jvm(false);
        // ten minutes: young floors climb 30 MB between mixed collections every 30 s, which return to 200 MB
        for (int t = 0; t <= 600; t += 2) {
            List<GcFloor> gcs = new ArrayList<>();
            gcs.add(t % 30 == 0 ? mixed(t, 200 * MB) : young(t, 200 * MB + (t % 30) * MB));
            w.add(sample(t, 700 * MB, 512 * MB, 300 * MB, 0, gcs));
        }
        WatchVerdict v = w.verdict();
        assertThat(v.verdict()).isEqualTo(Verdict.NO_LEAK);
        assertThat(v.lead().area()).isEqualTo(Area.HEAP);
        assertThat(v.lead().signal()).isEqualTo("heap after collections that freed old-generation space");
        assertThat(v.notes()).isEmpty();
    }

    @Test
    void withoutMixedCollectionsTheYoungFloorsAreJudgedAndTheNoteSaysSo() {
        MemoryWatch w = jvm(false);
        for (int t = 0; t <= 120; t += 2) {
            w.add(sample(t, 700 * MB, 512 * MB, 300 * MB, 0, List.of(young(t, 100 * MB + t * MB / 2))));
        }
        WatchVerdict v = w.verdict();
        assertThat(v.verdict()).isEqualTo(Verdict.LEAK);
        assertThat(v.growingIn()).isEqualTo(Area.HEAP);
        assertThat(v.lead().signal()).contains("young ones included");
        assertThat(v.notes()).singleElement().asString().contains("promote");
        assertThat(v.trend().slopeBytesPerHour()).isCloseTo(1800.0 * MB, org.assertj.core.api.Assertions.within(1.0 * MB));
        assertThat(v.lead().limitName()).isEqualTo("-Xmx");
        // 0.5 MB/s = 1800 MB/h, from the floor now (~160 MB) to 1024 MB
        assertThat(v.timeToLimitSeconds()).isBetween(1600.0, 1800.0);
    }

    @Test
    void slowGrowthCountsOnHonestFloorsButNotOnYoungFloorsWhichPromotionAlsoRaises() {
        // 60 MB an hour on a 1 GB heap for ten minutes: a leak when mixed collections show it, but on
        // young collections alone it is what promotion of short-lived objects does for hours under G1
        MemoryWatch young = jvm(false);
        MemoryWatch mixed = jvm(false);
        for (int t = 0; t <= 600; t += 2) {
            long floor = 200 * MB + t * 60 * MB / 3600;
            young.add(sample(t, 700 * MB, 512 * MB, 300 * MB, 0, List.of(young(t, floor))));
            mixed.add(sample(t, 700 * MB, 512 * MB, 300 * MB, 0, List.of(mixed(t, floor))));
        }
        assertThat(young.verdict().verdict()).isEqualTo(Verdict.NO_LEAK);
        assertThat(young.verdict().trend().reason()).contains("below the 102 MiB/h");
        assertThat(mixed.verdict().verdict()).isEqualTo(Verdict.LEAK);
        assertThat(mixed.verdict().growingIn()).isEqualTo(Area.HEAP);
    }

    @Test
    void forcedFloorsAloneAreJudgedWhenGcEveryIsOn() {
        MemoryWatch w = jvm(true);
        for (int t = 0; t <= 120; t += 2) {
            // young floors climbing fast, forced full collections flat: only the latter count
            List<GcFloor> gcs = new ArrayList<>(List.of(young(t, 100 * MB + t * MB)));
            if (t % 10 == 0) {
                gcs.add(new GcFloor(START + t * 1000L, 90 * MB + (t % 20 == 0 ? 0 : MB / 2), -1, true, true));
            }
            w.add(sample(t, 700 * MB, 512 * MB, 300 * MB, 0, gcs));
        }
        WatchVerdict v = w.verdict();
        assertThat(v.lead().signal()).contains("forced");
        assertThat(v.verdict()).isEqualTo(Verdict.NO_LEAK);
    }

    @Test
    void buffersGrowingOffHeapAreNotCountedAgainAsNative() {
        MemoryWatch w = jvm(false);
        for (int t = 0; t <= 120; t += 2) {
            long buffers = t * MB;
            w.add(sample(t, 700 * MB + buffers, 512 * MB, 300 * MB, buffers, List.of(mixed(t, 200 * MB))));
        }
        WatchVerdict v = w.verdict();
        assertThat(v.growingIn()).isEqualTo(Area.OFF_HEAP);
        assertThat(v.lead().limitName()).isEqualTo("MaxDirectMemorySize");
        AreaTrend nativeArea = v.areas().stream().filter(a -> a.area() == Area.NATIVE).findFirst().orElseThrow();
        assertThat(nativeArea.trend().verdict()).isEqualTo(Verdict.NO_LEAK);
        assertThat(nativeArea.judged()).isTrue();
    }

    @Test
    void nativeGrowthIsJudgedOnlyWhileTheHeapKeepsItsSize() {
        MemoryWatch steady = jvm(false);
        MemoryWatch resized = jvm(false);
        for (int t = 0; t <= 120; t += 2) {
            long rss = 700 * MB + t * MB; // malloc by native code: nothing the JVM's figures explain
            steady.add(sample(t, rss, 512 * MB, 300 * MB, 0, List.of(mixed(t, 200 * MB))));
            resized.add(sample(t, rss, t < 60 ? 256 * MB : 512 * MB, 300 * MB, 0, List.of(mixed(t, 200 * MB))));
        }
        assertThat(steady.verdict().growingIn()).isEqualTo(Area.NATIVE);
        assertThat(steady.verdict().lead().limitName()).isEqualTo("physical memory");
        WatchVerdict v = resized.verdict();
        assertThat(v.verdict()).isEqualTo(Verdict.NO_LEAK);
        AreaTrend nativeArea = v.areas().stream().filter(a -> a.area() == Area.NATIVE).findFirst().orElseThrow();
        assertThat(nativeArea.judged()).isFalse();
        assertThat(nativeArea.signal()).contains("resized");
    }

    @Test
    void tooFewCollectionsLeaveTheHeapInconclusiveWithAdvice() {
        MemoryWatch w = jvm(false);
        for (int t = 0; t <= 60; t += 2) {
            w.add(sample(t, 700 * MB, 512 * MB, 100 * MB + t * MB, 0, t == 30 ? List.of(young(t, 90 * MB)) : List.of()));
        }
        WatchVerdict v = w.verdict();
        assertThat(v.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(v.trend().reason()).contains("only 1 collection").contains("--gc-every");
    }

    @Test
    void aPlainProcessIsJudgedOnResidentMemoryAgainstItsLimit() {
        MemoryLimits container = new MemoryLimits(2048 * MB, "cgroup memory limit");
        MemoryWatch w = new MemoryWatch(new MemoryWatch.Target(7, false, container, -1, -1, -1, false), START);
        for (int t = 0; t <= 60; t += 2) {
            w.add(new WatchSample(START + t * 1000L, 100 * MB + t * MB, 100 * MB + t * MB, null, List.of()));
        }
        WatchVerdict v = w.verdict();
        assertThat(v.verdict()).isEqualTo(Verdict.LEAK);
        assertThat(v.growingIn()).isEqualTo(Area.RSS);
        assertThat(v.areas()).hasSize(1);
        assertThat(v.lead().limitName()).isEqualTo("cgroup memory limit");
        // 1 MB/s from ~145 MB to 2048 MB
        assertThat(v.timeToLimitSeconds()).isBetween(1850.0, 1950.0);
    }
}
