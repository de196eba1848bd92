package dev.heaptrail.junit.internal;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The verdict on a series of heap floors, on series a leak check meets. */
class LeakCheckJudgeTest {

    static final long TOLERATED = 32;

    /** Floors from {@code start}, growing by {@code steps[i]} before run i + 1. */
    static long[] floors(long start, long... steps) {
        long[] f = new long[steps.length + 1];
        f[0] = start;
        for (int i = 0; i < steps.length; i++) {
            f[i + 1] = f[i] + steps[i];
        }
        return f;
    }

    @Test
    void aSteadySmallLeakWithTwoEarlyDropsIsALeak() {
        // a CI run's confirming series of a 48 B/run leak: the trend test alone said p = 0.043
        long[] f = floors(6_573_816, -1384, 48, 48, -1208, 48, 48, 48, 48, 48, 48, 48, 48, 48, 192, 48, 48, 48, 48, 48, 48);
        LeakCheck.Measurement m = LeakCheck.judge(f, TOLERATED);
        assertThat(m.trend().pValue()).isGreaterThan(LeakCheck.SIGNIFICANCE);
        assertThat(m.leaks()).isTrue();
    }

    @Test
    void oneStepInAFlatSeriesIsNotALeakByTheRunsGrowth() {
        // a class generated once mid-series: the trend test sees a rise (the check measures again);
        // the runs' own growth must not add a verdict of its own
        long[] f = floors(6_711_176, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1184, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(LeakCheck.medianGrowth(f)).isZero();
        assertThat(LeakCheck.mostRunsGrow(f)).isFalse();
    }

    @Test
    void steadyLeaksAreFoundDespiteDropsAndFlatSeriesWithAStepAreNotCalledByTheRunsGrowth() {
        SplittableRandom random = new SplittableRandom(14);
        for (int trial = 0; trial < 2000; trial++) {
            int runs = 20 + random.nextInt(40);
            long[] leak = new long[runs];
            long[] flat = new long[runs];
            long perRun = 40 + random.nextInt(400);
            for (int i = 0; i < runs; i++) {
                long jitter = random.nextInt(3) == 0 ? 32 * (random.nextInt(3) - 1) : 0;
                leak[i] = perRun + jitter;
                flat[i] = jitter;
            }
            // up to two drops (memory something else let go, up to 60 runs' worth) in the leak; at
            // most one step in the flat series (two are growth, which only a second series tells apart)
            for (int k = random.nextInt(3); k > 0; k--) {
                leak[random.nextInt(runs)] -= 500 + random.nextInt(2000);
            }
            if (random.nextBoolean()) {
                flat[random.nextInt(runs)] += 500 + random.nextInt(2000);
            }
            LeakCheck.Measurement l = LeakCheck.judge(floors(5_000_000, leak), TOLERATED);
            assertThat(l.leaks()).as("leak of %d B/run: %s", perRun, java.util.Arrays.toString(leak)).isTrue();
            long[] f = floors(5_000_000, flat);
            assertThat(LeakCheck.medianGrowth(f) > TOLERATED && LeakCheck.mostRunsGrow(f))
                    .as("flat with a step: %s", java.util.Arrays.toString(flat)).isFalse();
        }
    }

    @Test
    void cleanJitterIsNoLeak() {
        SplittableRandom random = new SplittableRandom(15);
        for (int trial = 0; trial < 2000; trial++) {
            long[] steps = new long[20];
            for (int i = 0; i < steps.length; i++) {
                steps[i] = random.nextInt(4) == 0 ? 32 * (random.nextInt(5) - 2) : 0;
            }
            assertThat(LeakCheck.judge(floors(5_000_000, steps), TOLERATED).leaks())
                    .as(java.util.Arrays.toString(steps)).isFalse();
        }
    }

    @Test
    void aSeriesJoinedToTheNextContinuesFromItsLastFloor() {
        long[] first = floors(1_000, 48, 48, -500);
        long[] second = floors(7_000, 10, 20); // its own start, a moment later, is left out
        assertThat(LeakCheck.joined(first, second)).containsExactly(1_000, 1_048, 1_096, 596, 606, 626);
    }

    @Test
    void aSmallLeakThatOtherMemoryLetGoOfHidesIsFoundInTwiceTheRuns() {
        // 48 B/run, but five times something else in the JVM let go of a kilobyte or so: neither
        // test is sure in 20 runs (15 grew, 5 fell), and the series says it cannot rule a leak out
        long[] hidden = floors(6_464_160, 48, -1400, 48, 48, -900, 48, 48, 48, -1200, 48, 48, 48, 48, -700, 48, 48, 48, 48, -1000, 48);
        LeakCheck.Measurement alone = LeakCheck.judge(hidden, TOLERATED);
        assertThat(alone.leaks()).isFalse();
        assertThat(alone.mayLeak()).isTrue();
        long[] next = floors(0, 48, 48, 48, 48, 48, 48, -900, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48);
        assertThat(LeakCheck.judge(LeakCheck.joined(hidden, next), TOLERATED).leaks()).isTrue();
    }

    @Test
    void cleanJitterJoinedToMoreCleanJitterIsNoLeak() {
        SplittableRandom random = new SplittableRandom(16);
        int continued = 0;
        for (int trial = 0; trial < 2000; trial++) {
            long[][] series = new long[2][];
            for (int k = 0; k < 2; k++) {
                long[] steps = new long[20];
                for (int i = 0; i < steps.length; i++) {
                    steps[i] = random.nextInt(4) == 0 ? 32 * (random.nextInt(5) - 2) : 0;
                }
                series[k] = floors(5_000_000, steps);
            }
            if (LeakCheck.judge(series[0], TOLERATED).mayLeak()) {
                continued++;
            }
            assertThat(LeakCheck.judge(LeakCheck.joined(series[0], series[1]), TOLERATED).leaks())
                    .as(java.util.Arrays.toString(series[0]) + " then " + java.util.Arrays.toString(series[1])).isFalse();
        }
        // most clean series are ruled out at once: the extra runs are the exception
        assertThat(continued).isLessThan(400);
    }
}
