package dev.heaptrail.live.trend;

import java.util.Arrays;

/**
 * The Mann–Kendall test for a monotonic trend: counts rising minus falling pairs, so one outlier
 * weighs as little as one pair and no straight line or normal noise is assumed. Used on block
 * minima, not on raw samples: consecutive samples are correlated and make the test over-confident.
 *
 * @param s        rising pairs minus falling pairs
 * @param variance the variance of {@code s} under no trend, corrected for ties
 * @param z        the normal score, continuity-corrected
 * @param pValue   two-sided probability of a trend at least this strong where there is none
 */
public record MannKendall(long s, double variance, double z, double pValue) {

    public static MannKendall of(double[] y) {
        int n = y.length;
        long s = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                s += Double.compare(y[j], y[i]) > 0 ? 1 : y[j] == y[i] ? 0 : -1;
            }
        }
        double variance = (n * (n - 1.0) * (2.0 * n + 5) - tieTerm(y)) / 18.0;
        double z = variance <= 0 ? 0 : (s - Long.signum(s)) / Math.sqrt(variance);
        return new MannKendall(s, variance, z, Normal.twoSidedP(z));
    }

    private static double tieTerm(double[] y) {
        double[] sorted = y.clone();
        Arrays.sort(sorted);
        double term = 0;
        for (int i = 0; i < sorted.length; ) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            double t = j - i;
            term += t * (t - 1) * (2 * t + 5);
            i = j;
        }
        return term;
    }
}
