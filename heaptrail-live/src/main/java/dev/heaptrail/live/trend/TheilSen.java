package dev.heaptrail.live.trend;

import java.util.Arrays;

/**
 * The Theil–Sen slope: the median of the slopes between every two points. Up to 29 % of the points
 * may be anything (a GC pause, a spike) without moving it much. The interval is Sen's, from the
 * ranks of those slopes with the Mann–Kendall variance, so it needs no normal residuals either.
 *
 * @param slope value units per time unit
 * @param low   lower end of the confidence interval
 * @param high  upper end
 */
public record TheilSen(double slope, double low, double high) {

    /** Needs at least two distinct times; {@code confidence} such as 0.95. */
    public static TheilSen of(double[] t, double[] y, double confidence) {
        int n = t.length;
        double[] slopes = new double[n * (n - 1) / 2];
        int m = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (t[j] != t[i]) {
                    slopes[m++] = (y[j] - y[i]) / (t[j] - t[i]);
                }
            }
        }
        if (m == 0) {
            throw new IllegalArgumentException("a slope needs two distinct times");
        }
        slopes = Arrays.copyOf(slopes, m);
        Arrays.sort(slopes);
        double median = m % 2 == 1 ? slopes[m / 2] : (slopes[m / 2 - 1] + slopes[m / 2]) / 2;
        double c = Normal.quantile(1 - (1 - confidence) / 2) * Math.sqrt(MannKendall.of(y).variance());
        // Sen: the lower limit is the M1-th smallest slope, the upper the (M2+1)-th (1-based)
        int lower = (int) Math.floor((m - c) / 2) - 1;
        int upper = (int) Math.ceil((m + c) / 2);
        return new TheilSen(median, slopes[clamp(lower, m)], slopes[clamp(upper, m)]);
    }

    private static int clamp(int i, int m) {
        return Math.max(0, Math.min(m - 1, i));
    }
}
