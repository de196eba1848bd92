package dev.heaptrail.live.trend;

import java.util.Arrays;
import java.util.Locale;

/**
 * Whether one memory figure leaks, judged from its floor over a watch.
 *
 * <p>A leak is called only when all of these hold on the block minima (the floor in each of 6 to 12
 * equal stretches of time): Mann–Kendall finds a rise (one-sided p below 1 %); the Theil–Sen slope
 * is at least {@link #minSlopePerHour the smallest slope worth a page}; the rise persists into the
 * second half of the watch, at a quarter of the pace of the whole and of the first half (a cache
 * that warms up and levels off stops rising, or creeps by what collections promote); and no single step
 * between stretches makes most of the rise (a data set loaded once is a step, not a leak); and it
 * rose by a {@link #minRise visible amount} during the watch. A rise that is real but fails the
 * step or amount rule is {@code inconclusive}; one that stopped, or is too slow to
 * matter, is {@code no-leak}, and so is no significant rise at all.
 *
 * @param slopeBytesPerHour Theil–Sen slope of the floor
 * @param slopeLow          lower end of its 95 % interval (Sen)
 * @param slopeHigh         upper end
 * @param pValue            two-sided Mann–Kendall p-value on the block minima
 * @param levelBytes        the floor now (median of the second half's minima)
 * @param minSlopeBytesPerHour the smallest slope called a leak here
 * @param blocks            block minima the tests used
 * @param reason            one sentence saying why, for people
 * @param lateSlopeBytesPerHour Theil–Sen slope of the second half's minima (NaN when not reached)
 * @param earlySlopeBytesPerHour Theil–Sen slope of the first half's minima (NaN when not reached)
 */
public record Trend(Verdict verdict, double slopeBytesPerHour, double slopeLow, double slopeHigh, double pValue,
                    double levelBytes, double minSlopeBytesPerHour, int blocks, String reason,
                    double lateSlopeBytesPerHour, double earlySlopeBytesPerHour) {

    static final int MIN_BLOCKS = 6;
    static final int MAX_BLOCKS = 12;
    static final double ALPHA_TWO_SIDED = 0.02;
    static final double LIMIT_SHARE_PER_HOUR = 0.01;
    static final double LEVEL_SHARE_PER_HOUR = 0.20;
    static final double MIN_SLOPE_FLOOR = 1 << 20;
    static final double STEP_SHARE = 0.6;
    static final double PERSIST_SHARE = 0.25;
    static final double LIMIT_SHARE_RISEN = 0.005;
    static final double LEVEL_SHARE_RISEN = 0.05;

    /**
     * The smallest growth called a leak: 1 % of the limit an hour (a hundred hours to fill it), but
     * no more than 20 % of the current level an hour, so a small process's leak counts too; never
     * below 1 MiB an hour. {@code limitBytes} ≤ 0 means no known limit.
     */
    public static double minSlopePerHour(double limitBytes, double levelBytes) {
        double ofLevel = LEVEL_SHARE_PER_HOUR * Math.max(0, levelBytes);
        double slope = limitBytes > 0 ? Math.min(LIMIT_SHARE_PER_HOUR * limitBytes, ofLevel) : ofLevel;
        return Math.max(MIN_SLOPE_FLOOR, slope);
    }

    /** Judges {@code series} (seconds, bytes) against {@code limitBytes} (≤ 0: none known), sized by its own level. */
    public static Trend of(MemorySeries series, double limitBytes) {
        return of(series, limitBytes, Double.NaN);
    }

    /**
     * Judges {@code series} with the relevance thresholds sized by {@code sizeBytes} instead of the
     * series' own level (NaN: its level). For a part of a process, such as its buffers or the
     * memory its figures leave unexplained, the process's size says what growth matters: a part
     * that starts small would otherwise make a few megabytes of warm-up look large.
     */
    public static Trend of(MemorySeries series, double limitBytes, double sizeBytes) {
        return of(series, limitBytes, sizeBytes, 0);
    }

    /**
     * Judges {@code series} as above, calling a leak only at {@code atLeastPerHour} or more: for a
     * signal that also rises without a leak (the heap after young collections, which promote), only
     * growth too fast for that to explain is called one.
     */
    public static Trend of(MemorySeries series, double limitBytes, double sizeBytes, double atLeastPerHour) {
        int n = series.size();
        if (n < MIN_BLOCKS || series.seconds(n - 1) <= series.seconds(0)) {
            return tooShort(n + (n == 1 ? " point" : " points") + " so far");
        }
        int wanted = Math.max(MIN_BLOCKS, Math.min(MAX_BLOCKS, n / 2));
        MemorySeries.BlockMinima minima = series.blockMinima(wanted);
        if (minima.size() < MIN_BLOCKS) {
            return tooShort("the points cover only " + minima.size() + " of " + wanted + " stretches of the watch");
        }
        double[] t = minima.seconds();
        double[] y = minima.bytes();
        MannKendall mk = MannKendall.of(y);
        TheilSen ts = TheilSen.of(t, y, 0.95);
        double mid = (series.seconds(0) + series.seconds(n - 1)) / 2;
        int half = firstAtOrAfter(t, mid);
        double[] earlyT = Arrays.copyOf(t, half);
        double[] earlyY = Arrays.copyOf(y, half);
        double[] lateT = Arrays.copyOfRange(t, half, t.length);
        double[] lateY = Arrays.copyOfRange(y, half, y.length);
        double level = median(lateY.length > 0 ? lateY : y);
        double size = Double.isNaN(sizeBytes) ? level : sizeBytes;
        double min = Math.max(atLeastPerHour, minSlopePerHour(limitBytes, size));
        double slope = ts.slope() * 3600;
        double low = ts.low() * 3600;
        double high = ts.high() * 3600;

        double lateSlope = lateT.length >= 3 ? TheilSen.of(lateT, lateY, 0.95).slope() * 3600 : slope;
        double earlySlope = earlyT.length >= 3 ? TheilSen.of(earlyT, earlyY, 0.95).slope() * 3600 : slope;
        boolean rising = mk.s() > 0 && mk.pValue() < ALPHA_TWO_SIDED && low > 0;
        if (!rising) {
            return new Trend(Verdict.NO_LEAK, slope, low, high, mk.pValue(), level, min, t.length,
                    "no significant rise of the floor (p=" + p(mk.pValue()) + ")", lateSlope, earlySlope);
        }
        if (slope < min) {
            return new Trend(Verdict.NO_LEAK, slope, low, high, mk.pValue(), level, min, t.length,
                    "the floor rises " + perHour(slope) + ", below the " + perHour(min) + " worth calling a leak",
                    lateSlope, earlySlope);
        }
        if (!persists(slope, earlySlope, lateSlope, min)) {
            return new Trend(Verdict.NO_LEAK, slope, low, high, mk.pValue(), level, min, t.length,
                    "the floor rose, then levelled off (" + perHour(lateSlope) + " in the second half):"
                            + " a cache or pool warming up, not a leak", lateSlope, earlySlope);
        }
        double largestStep = 0;
        double totalRise = 0;
        for (int i = 1; i < y.length; i++) {
            double d = y[i] - y[i - 1];
            largestStep = Math.max(largestStep, d);
            totalRise += Math.max(0, d);
        }
        if (largestStep > STEP_SHARE * totalRise) {
            return new Trend(Verdict.INCONCLUSIVE, slope, low, high, mk.pValue(), level, min, t.length,
                    "the floor rose in one step, not steadily: watch longer to see whether it climbs again", lateSlope, earlySlope);
        }
        double risen = slope / 3600 * (series.seconds(n - 1) - series.seconds(0));
        double minRise = minRise(limitBytes, size);
        if (risen < minRise) {
            return new Trend(Verdict.INCONCLUSIVE, slope, low, high, mk.pValue(), level, min, t.length,
                    "the floor rises " + perHour(slope) + " but only " + mb(risen) + " so far, under the "
                            + mb(minRise) + " needed: watch longer", lateSlope, earlySlope);
        }
        return new Trend(Verdict.LEAK, slope, low, high, mk.pValue(), level, min, t.length,
                "the floor rises steadily, " + perHour(slope) + " (95 % interval " + perHour(low) + " to "
                        + perHour(high) + "), Mann–Kendall p=" + p(mk.pValue()), lateSlope, earlySlope);
    }

    /**
     * Whether {@code part} (floors of one kind) has points in at least {@link #MIN_BLOCKS} of the
     * stretches {@code whole} is cut into for its tests: judged alone on its own span, a burst of
     * mixed collections at the end of a watch would stand for all of it.
     */
    public static boolean covers(MemorySeries part, MemorySeries whole) {
        int n = whole.size();
        if (part.size() < MIN_BLOCKS || n < 2 || whole.seconds(n - 1) <= whole.seconds(0)) {
            return false;
        }
        int stretches = Math.max(MIN_BLOCKS, Math.min(MAX_BLOCKS, n / 2));
        double start = whole.seconds(0);
        double span = whole.seconds(n - 1) - start;
        boolean[] seen = new boolean[stretches];
        int covered = 0;
        for (int i = 0; i < part.size(); i++) {
            double x = (part.seconds(i) - start) / span;
            int b = Math.max(0, Math.min(stretches - 1, (int) (x * stretches)));
            if (!seen[b]) {
                seen[b] = true;
                covered++;
            }
        }
        return covered >= MIN_BLOCKS;
    }

    /**
     * How far the floor must have risen during the watch before a leak is called: 0.5 % of the
     * limit, at most 5 % of the level, at least 1 MiB. Over a short watch, slow wobbles and a few
     * megabytes of promotion look like steep slopes; a leak shows itself in the amount too.
     */
    static double minRise(double limitBytes, double levelBytes) {
        double ofLevel = LEVEL_SHARE_RISEN * Math.max(0, levelBytes);
        double rise = limitBytes > 0 ? Math.min(LIMIT_SHARE_RISEN * limitBytes, ofLevel) : ofLevel;
        return Math.max(MIN_SLOPE_FLOOR, rise);
    }

    private static String mb(double bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1 << 20));
    }

    private static Trend tooShort(String why) {
        return inconclusive("too few samples to judge: " + why + " (" + MIN_BLOCKS + " stretches of the watch with a"
                + " sample are needed)");
    }

    /** No judgement possible, for the reason given. */
    public static Trend inconclusive(String reason) {
        return new Trend(Verdict.INCONCLUSIVE, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                0, reason, Double.NaN, Double.NaN);
    }

    /** Whether the rise went on into the second half of the watch; false when it levelled off (or was never judged). */
    public boolean persists() {
        return judged() && persists(slopeBytesPerHour, earlySlopeBytesPerHour, lateSlopeBytesPerHour,
                minSlopeBytesPerHour);
    }

    /**
     * The second half must rise at a quarter of the pace of the whole and of the first half. The
     * whole's Theil–Sen slope alone is not enough: it is a median over all pairs, and a warm-up that
     * filled in the first third of the watch and then stood still gives a small one, which the
     * after-young-collection floor's creep (promotion, a few hundred KB over half a minute) matched.
     */
    private static boolean persists(double slope, double earlySlope, double lateSlope, double min) {
        double pace = Math.max(slope, Double.isNaN(earlySlope) ? slope : earlySlope);
        return lateSlope >= Math.max(min, PERSIST_SHARE * pace);
    }

    /** Whether there were enough samples for the tests at all. */
    public boolean judged() {
        return blocks > 0;
    }

    private static int firstAtOrAfter(double[] t, double x) {
        int i = 0;
        while (i < t.length && t[i] < x) {
            i++;
        }
        return i;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String p(double p) {
        return p < 0.0001 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }

    static String perHour(double bytesPerHour) {
        double mb = bytesPerHour / (1 << 20);
        return String.format(Locale.ROOT, Math.abs(mb) >= 100 ? "%.0f MiB/h" : "%.1f MiB/h", mb);
    }

    /** Seconds until {@code limitBytes} is reached at this slope from this level; null when not rising. */
    public Double secondsTo(double limitBytes) {
        if (verdict != Verdict.LEAK || !(slopeBytesPerHour > 0) || limitBytes <= 0) {
            return null;
        }
        return Math.max(0, (limitBytes - levelBytes) / slopeBytesPerHour * 3600);
    }
}
