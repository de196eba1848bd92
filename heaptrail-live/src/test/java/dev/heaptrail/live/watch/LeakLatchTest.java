package dev.heaptrail.live.watch;

import dev.heaptrail.live.trend.Verdict;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntToLongFunction;

import static dev.heaptrail.live.watch.MemoryWatchTest.HEAP_MAX;
import static dev.heaptrail.live.watch.MemoryWatchTest.MB;
import static dev.heaptrail.live.watch.MemoryWatchTest.START;
import static org.assertj.core.api.Assertions.assertThat;

/** The latch on floors judged as the agent judges them: a sliding window, judged afresh every 5 s. */
class LeakLatchTest {

    static final int STEP = 5;
    static final int WINDOW = 300;

    /** Fresh and latched verdicts, one a step, of the young floor {@code floor(t)} over {@code seconds}. */
    record Run(List<Verdict> fresh, List<Verdict> latched, List<String> released) {

        int firstLatched() {
            return latched.indexOf(Verdict.LEAK);
        }
    }

    static Run run(int seconds, IntToLongFunction floor) {
        LeakLatch latch = new LeakLatch();
        Deque<WatchSample> window = new ArrayDeque<>();
        Run r = new Run(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int t = STEP; t <= seconds; t += STEP) {
            long f = floor.applyAsLong(t);
            window.addLast(MemoryWatchTest.sample(t, 700 * MB, 512 * MB, f + 50 * MB, 0,
                    List.of(MemoryWatchTest.young(t, f))));
            while (window.peekFirst().epochMillis() < START + (t - WINDOW) * 1000L) {
                window.removeFirst();
            }
            MemoryWatch w = MemoryWatchTest.jvm(false);
            w = new MemoryWatch(w.target(), window.peekFirst().epochMillis() - 1000);
            window.forEach(w::add);
            WatchVerdict fresh = w.verdict();
            WatchVerdict latched = latch.update(fresh);
            r.fresh.add(fresh.verdict());
            r.latched.add(latched.verdict());
            r.released.add(latch.released());
            assertThat(latched.verdict() == Verdict.LEAK).isEqualTo(latch.raised());
        }
        return r;
    }

    /** A leak of {@code mbPerSecond} under promoted garbage: the young floor also carries up to {@code noiseMb} of it. */
    static IntToLongFunction noisyLeak(double mbPerSecond, int noiseMb, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] noise = new long[10_000];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (long) (random.nextDouble() * random.nextDouble() * noiseMb * MB);
        }
        return t -> 100 * MB + (long) (mbPerSecond * t * MB) + noise[t];
    }

    @Test
    void noisyLeaksOnceCalledReadAsLeaksAtLeastNineTimesInTen() {
        for (long seed = 1; seed <= 20; seed++) {
            Run r = run(300, noisyLeak(0.5, 60, seed));
            int first = r.firstLatched();
            assertThat(first).as("seed %d: raised", seed).isBetween(0, 36); // within three minutes
            List<Verdict> after = r.latched.subList(first, r.latched.size());
            // the measure: from the first 1, at least 90 % of later readings are 1
            assertThat(after.stream().filter(v -> v == Verdict.LEAK).count()).as("seed %d: %s", seed, after)
                    .isGreaterThanOrEqualTo((long) Math.ceil(0.9 * after.size()));
        }

    }

    @Test
    void aDipTheFloorDoesNotStayDownAfterDoesNotReleaseIt() {
        // a full collection at 200 s clears garbage the floor carried: one floor 150 MB lower, then the leak goes on
        Run r = run(360, t -> t == 200 ? 100 * MB + 50 * MB : 100 * MB + (long) (t * 0.5 * MB) + (t % 20) * MB);
        int first = r.firstLatched();
        assertThat(first).isBetween(0, 24);
        assertThat(r.latched.subList(first, r.latched.size())).containsOnly(Verdict.LEAK);
    }

    @Test
    void theFloorFallingBackReleasesIt() {
        // 0.5 MB/s for 240 s, then the leaked objects are let go: the floor is back at 100 MB and stays there
        Run r = run(420, t -> t <= 240 ? 100 * MB + (long) (t * 0.5 * MB) + (t % 20) * MB : 100 * MB + (t % 20) * MB);
        int first = r.firstLatched();
        assertThat(first).isBetween(0, 24);
        int release = r.latched.subList(first, r.latched.size()).indexOf(Verdict.NO_LEAK) + first;
        assertThat(release).as("released").isGreaterThan(first);
        assertThat(release * STEP + STEP).as("second of the release").isBetween(245, 360);
        assertThat(r.latched.subList(release, r.latched.size())).doesNotContain(Verdict.LEAK);
    }

    @Test
    void aLevelBelowTheOneTheLeakWasCalledAtReleasesItWhileTheWindowStillRises() {
        LeakLatch latch = new LeakLatch();
        assertThat(latch.update(heap(Verdict.LEAK, 300, 1800, 200)).verdict()).isEqualTo(Verdict.LEAK);
        // a step's "no significant rise" with the floor still above where it was: held
        WatchVerdict held = latch.update(heap(Verdict.NO_LEAK, 50, 1800, 260));
        assertThat(held.verdict()).isEqualTo(Verdict.LEAK);
        assertThat(held.notes()).anySatisfy(n -> assertThat(n).contains("held"));
        // 1800 MB/h from 260 MB to the 1024 MB limit: the time to it is still projected while held
        assertThat(held.timeToLimitSeconds()).isCloseTo(1528.0, org.assertj.core.api.Assertions.within(1.0));
        assertThat(latch.update(heap(Verdict.NO_LEAK, 50, 1800, 190)).verdict()).isEqualTo(Verdict.NO_LEAK);
        assertThat(latch.released()).contains("fell back");
    }

    @Test
    void aStepWithTooFewFloorsOrWithoutSignificanceHoldsARaisedLeak() {
        LeakLatch latch = new LeakLatch();
        WatchVerdict early = latch.update(heap(Verdict.LEAK, 300, 1800, 200, 6));
        assertThat(early.verdict()).as("not raised on 6 minima").isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(latch.raised()).isFalse();
        assertThat(latch.update(heap(Verdict.LEAK, 300, 1800, 200, 7)).verdict()).isEqualTo(Verdict.LEAK);
        AreaTrend none = new AreaTrend(Area.HEAP, "heap after each collection",
                dev.heaptrail.live.trend.Trend.inconclusive("only 7 collections"), HEAP_MAX, "-Xmx", null, true);
        assertThat(latch.update(new WatchVerdict(Verdict.INCONCLUSIVE, null, none, List.of(none), List.of())).verdict())
                .isEqualTo(Verdict.LEAK);
        assertThat(latch.update(heap(Verdict.NO_LEAK, 20, 1800, 230, 8)).verdict()).isEqualTo(Verdict.LEAK);
        assertThat(latch.update(heap(Verdict.NO_LEAK, -5, 1800, 230, 8)).verdict()).isEqualTo(Verdict.NO_LEAK);
        assertThat(latch.released()).contains("interval reaches zero");
    }

    static WatchVerdict heap(Verdict v, double lowMbPerHour, double slopeMbPerHour, double levelMb) {
        return heap(v, lowMbPerHour, slopeMbPerHour, levelMb, 12);
    }

    /** A fresh verdict on the heap with the slope's lower end and the level given (MB/h, MB). */
    static WatchVerdict heap(Verdict v, double lowMbPerHour, double slopeMbPerHour, double levelMb, int blocks) {
        dev.heaptrail.live.trend.Trend t = new dev.heaptrail.live.trend.Trend(v, slopeMbPerHour * MB, lowMbPerHour * MB,
                2 * slopeMbPerHour * MB, 0.01, levelMb * MB, 100.0 * MB, blocks, "made up", slopeMbPerHour * MB,
                slopeMbPerHour * MB);
        AreaTrend a = new AreaTrend(Area.HEAP, "heap after each collection", t, HEAP_MAX, "-Xmx", null, true);
        return new WatchVerdict(v, v == Verdict.LEAK ? Area.HEAP : null, a, List.of(a), List.of());
    }

    @Test
    void aFloorThatStopsRisingIsHeldUntilTheRiseHasLeftTheSecondHalfOfTheWindow() {
        // 0.5 MB/s for 200 s, then flat at the height reached: the memory is still held, so the leak for a while
        Run r = run(800, t -> 100 * MB + (long) (Math.min(t, 200) * 0.5 * MB) + (t % 20) * MB);
        int first = r.firstLatched();
        assertThat(first).isBetween(0, 24);
        int release = r.latched.subList(first, r.latched.size()).indexOf(Verdict.NO_LEAK) + first;
        assertThat(release).isGreaterThan(first);
        assertThat(release * STEP + STEP).as("held while the rise is in the window's second half").isGreaterThan(300);
        assertThat(r.released.get(release)).containsAnyOf("levelled off", "interval reaches zero");
    }

    @Test
    void stableFloorsAreAlmostNeverRaisedAndAWarmUpOverBeforeTheFirstJudgementNever() {
        long raised = 0;
        long steps = 0;
        for (long seed = 1; seed <= 10; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            long[] noise = random.longs(1000, 0, 30 * MB).toArray();
            // independent noise judged 120 times on a sliding window: a rare false call is the fresh
            // statistics' (below 1 %); the latch must not stretch it into minutes
            Run stable = run(600, t -> 200 * MB + noise[t / STEP]);
            raised += stable.latched.stream().filter(v -> v == Verdict.LEAK).count();
            steps += stable.latched.size();
            // a cache filling 40 MB in the first 5 s, before the first judgement, then only hit
            Run warming = run(600, t -> 200 * MB + Math.min(t, 5) * 8 * MB + noise[t / STEP] / 3);
            assertThat(warming.latched).as("warming, seed %d", seed).doesNotContain(Verdict.LEAK);
        }
        assertThat(raised).as("steps read 1 of " + steps).isLessThanOrEqualTo(steps / 100);
    }

    @Test
    void aWarmUpCalledALeakWhileItRoseIsLetGoOnceItLevelsOffNotAWindowLater() {
        // 90 MB over 60 s: judged while still rising, it reads as a leak until the second half is flat
        Run r = run(300, t -> 200 * MB + Math.min(t, 60) * 3 * MB / 2 + (t % 15) * MB / 2);
        int first = r.firstLatched();
        assertThat(first).as("called while rising").isBetween(0, 16);
        int release = r.latched.subList(first, r.latched.size()).indexOf(Verdict.NO_LEAK) + first;
        assertThat(release * STEP + STEP).as("released").isBetween(61, 180);
        assertThat(r.released.get(release)).contains("levelled off");
        assertThat(r.latched.subList(release, r.latched.size())).doesNotContain(Verdict.LEAK);
    }
}
