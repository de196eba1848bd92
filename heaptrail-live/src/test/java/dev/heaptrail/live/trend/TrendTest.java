package dev.heaptrail.live.trend;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The verdict on synthetic floors: each shape a watch meets, and the false-alarm rate on stable ones. */
class TrendTest {

    static final double MB = 1 << 20;
    static final double LIMIT = 1024 * MB;

    /** {@code samples} points {@code step} seconds apart, value by time, plus normal noise of {@code sd}. */
    static MemorySeries series(int samples, double step, DoubleUnaryOperator value, double sd, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        MemorySeries s = new MemorySeries();
        for (int i = 0; i < samples; i++) {
            double t = i * step;
            s.add(t, value.applyAsDouble(t) + sd * gaussian(random));
        }
        return s;
    }

    static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @Test
    void aSteadyLeakIsALeakWithItsSlopeInsideTheInterval() {
        // 1 % of the limit a minute for five minutes, sampled every 2 s, 2 MB of noise
        double perSecond = 0.01 * LIMIT / 60;
        Trend trend = Trend.of(series(150, 2, t -> 200 * MB + perSecond * t, 2 * MB, 1), LIMIT);
        assertThat(trend.verdict()).as(trend.reason()).isEqualTo(Verdict.LEAK);
        assertThat(trend.slopeBytesPerHour()).isCloseTo(perSecond * 3600, within(perSecond * 3600 * 0.1));
        assertThat(trend.slopeLow()).isLessThan(perSecond * 3600).isPositive();
        assertThat(trend.slopeHigh()).isGreaterThan(perSecond * 3600);
        assertThat(trend.pValue()).isLessThan(0.001);
        assertThat(trend.secondsTo(LIMIT)).isCloseTo((LIMIT - trend.levelBytes()) / perSecond, within(600.0));
    }

    @Test
    void aFastLeakWatchedForHalfAMinuteReachesAVerdict() {
        double perSecond = 0.10 * LIMIT / 60;
        Trend trend = Trend.of(series(15, 2, t -> 100 * MB + perSecond * t, 1 * MB, 2), LIMIT);
        assertThat(trend.verdict()).as(trend.reason()).isEqualTo(Verdict.LEAK);
    }

    @Test
    void aFlatNoisyFloorIsNoLeak() {
        Trend trend = Trend.of(series(300, 2, t -> 300 * MB, 5 * MB, 3), LIMIT);
        assertThat(trend.verdict()).as(trend.reason()).isEqualTo(Verdict.NO_LEAK);
        assertThat(trend.slopeLow()).isLessThan(0);
        assertThat(trend.slopeHigh()).isGreaterThan(0);
    }

    @Test
    void aLargeSteadySawtoothIsNoLeak() {
        // heap use climbing 400 MB between collections every 20 s: the minima stay on the floor
        Trend trend = Trend.of(series(300, 2, t -> 100 * MB + 400 * MB * ((t % 20) / 20), 1 * MB, 4), LIMIT);
        assertThat(trend.verdict()).as(trend.reason()).isEqualTo(Verdict.NO_LEAK);
    }

    @Test
    void aCacheThatWarmsUpAndLevelsOffIsNoLeak() {
        // fills 300 MB with a time constant of 40 s, watched for ten minutes
        Trend trend = Trend.of(series(300, 2, t -> 100 * MB + 300 * MB * (1 - Math.exp(-t / 40)), 2 * MB, 5), LIMIT);
        assertThat(trend.verdict()).as(trend.reason()).isEqualTo(Verdict.NO_LEAK);
        assertThat(trend.reason()).contains("levelled off");
    }

    @Test
    void aWarmUpInTheFirstQuarterOfAShortWatchThenACreepIsNoLeak() {
        // what a CI run saw (watch WarmingCache for 30 s, 256 MB heap, floors after young collections
        // from the first one at 2.5 s): 27 MB more cached in 7.5 s, then the floor creeps 1 MB by
        // promotion. Most pairs of minima lie in the flat part, so the whole's median slope
        // (~830 MB/h) is low enough for the creep to look like a rise going on; the first half's is not
        double heap = 256 * MB;
        Trend trend = Trend.of(series(28, 1, t -> t < 7.5 ? 13 * MB + 27 * MB * t / 7.5
                : 40 * MB + 1 * MB * (t - 7.5) / 20, 0.15 * MB, 1), heap, Double.NaN, 0.1 * heap);
        assertThat(trend.verdict()).as(trend.reason()).isEqualTo(Verdict.NO_LEAK);
        assertThat(trend.reason()).contains("levelled off");
        assertThat(trend.lateSlopeBytesPerHour()).isGreaterThan(0.25 * trend.slopeBytesPerHour());
        assertThat(trend.earlySlopeBytesPerHour()).isGreaterThan(4 * trend.lateSlopeBytesPerHour());
    }

    @Test
    void warmUpsFollowedByACreepAreNeverLeaks() {
        // warm-ups of every size, ending anywhere in the first 40 % of watches of every length, then
        // a creep at up to 4 % of the warm-up's pace (promotion), with noise
        SplittableRandom random = new SplittableRandom(99);
        int leaks = 0;
        int trials = 1000;
        for (int trial = 0; trial < trials; trial++) {
            int samples = 30 + random.nextInt(300);
            double step = 1 + random.nextInt(5);
            double span = samples * step;
            double start = random.nextDouble() * 0.15 * span;
            double end = start + (0.1 + random.nextDouble() * 0.15) * span;
            double size = (10 + random.nextDouble() * 300) * MB;
            double creep = random.nextDouble() * 0.04 * size / (end - start);
            double sd = random.nextDouble() * 0.01 * size;
            MemorySeries s = series(samples, step, t -> 100 * MB + (t < start ? 0 : t < end ? size * (t - start)
                    / (end - start) : size + creep * (t - end)), sd, random.nextLong());
            if (Trend.of(s, LIMIT).verdict() == Verdict.LEAK) {
                leaks++;
            }
        }
        assertThat(leaks).as("warm-ups called leaks among %d", trials).isZero();
    }

    @Test
    void aLeakThatStartsOrGoesOnAfterAWarmUpIsStillALeak() {
        // the warm-up rule must not hide a leak: one starting mid-watch, or one at least half the
        // warm-up's pace going on after it
        double perSecond = 0.02 * LIMIT / 60;
        Trend late = Trend.of(series(150, 2, t -> 200 * MB + Math.max(0, t - 120) * perSecond, 1 * MB, 12), LIMIT);
        assertThat(late.verdict()).as(late.reason()).isEqualTo(Verdict.LEAK);
        Trend after = Trend.of(series(150, 2, t -> 200 * MB + Math.min(t, 60) * perSecond + t * perSecond / 2,
                1 * MB, 13), LIMIT);
        assertThat(after.verdict()).as(after.reason()).isEqualTo(Verdict.LEAK);
    }

    @Test
    void oneStepUpIsNotALeak() {
        Trend trend = Trend.of(series(300, 2, t -> t < 420 ? 200 * MB : 400 * MB, 1 * MB, 6), LIMIT);
        assertThat(trend.verdict()).as(trend.reason()).isNotEqualTo(Verdict.LEAK);
    }

    @Test
    void growthTooSlowToMatterIsNoLeak() {
        // 2 MB an hour on a 1 GB limit: a significant rise, but 500 hours to fill the heap
        double perSecond = 2 * MB / 3600;
        Trend trend = Trend.of(series(300, 2, t -> 500 * MB + perSecond * t, 0, 7), LIMIT);
        assertThat(trend.verdict()).as(trend.reason()).isEqualTo(Verdict.NO_LEAK);
        assertThat(trend.reason()).contains("below");
        assertThat(trend.pValue()).isLessThan(0.001);
    }

    @Test
    void aLeakInASmallProcessWithoutLimitIsJudgedAgainstItsOwnSize() {
        // 20 MB process (no limit known) growing 30 MB an hour
        double perSecond = 30 * MB / 3600;
        Trend trend = Trend.of(series(300, 2, t -> 20 * MB + perSecond * t, 0.05 * MB, 8), 0);
        assertThat(trend.verdict()).as(trend.reason()).isEqualTo(Verdict.LEAK);
    }

    @Test
    void tooFewSamplesAreInconclusive() {
        Trend trend = Trend.of(series(5, 2, t -> 100 * MB + t * MB, 0, 9), LIMIT);
        assertThat(trend.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(trend.reason()).startsWith("too few samples");
        assertThat(trend.secondsTo(LIMIT)).isNull();
    }

    @Test
    void stableFloorsRaiseFewFalseAlarms() {
        // 2,000 stable watches of every kind seen: correlated noise, sawtooth of random period and
        // phase, spikes, a slow wobble; each judged once at its end
        SplittableRandom random = new SplittableRandom(42);
        int alarms = 0;
        int trials = 2000;
        for (int trial = 0; trial < trials; trial++) {
            int samples = 30 + random.nextInt(600);
            double phi = random.nextDouble() * 0.97;
            double sd = (0.5 + random.nextDouble() * 20) * MB;
            double period = 4 + random.nextDouble() * samples * 2 / 3.0;
            double amplitude = random.nextDouble() < 0.5 ? 0 : random.nextDouble() * 200 * MB;
            double phase = random.nextDouble();
            double wobble = random.nextDouble() * 10 * MB;
            double wobblePeriod = (0.1 + random.nextDouble() * 0.4) * samples * 2;
            MemorySeries s = new MemorySeries();
            double ar = 0;
            for (int i = 0; i < samples; i++) {
                double t = i * 2;
                ar = phi * ar + Math.sqrt(1 - phi * phi) * sd * gaussian(random);
                double saw = amplitude * (((t / period) + phase) % 1);
                double spike = random.nextDouble() < 0.02 ? 50 * MB * random.nextDouble() : 0;
                s.add(t, 300 * MB + ar + saw + spike + wobble * Math.sin(2 * Math.PI * (t / wobblePeriod + phase)));
            }
            if (Trend.of(s, LIMIT).verdict() == Verdict.LEAK) {
                alarms++;
            }
        }
        assertThat(alarms).as("false leaks among %d stable watches", trials).isLessThan(trials / 100);
    }

    @Test
    void leaksOfOnePercentOfTheLimitAMinuteAreFoundDespiteNoise() {
        SplittableRandom random = new SplittableRandom(7);
        int found = 0;
        for (int trial = 0; trial < 200; trial++) {
            double perSecond = 0.01 * LIMIT / 60;
            MemorySeries s = series(150, 2, t -> 200 * MB + perSecond * t, (1 + random.nextDouble() * 4) * MB,
                    random.nextLong());
            if (Trend.of(s, LIMIT).verdict() == Verdict.LEAK) {
                found++;
            }
        }
        assertThat(found).isGreaterThanOrEqualTo(196);
    }
}
