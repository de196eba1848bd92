package dev.heaptrail.live.trend;

/** The standard normal distribution, as far as the trend tests need it. */
final class Normal {

    private Normal() {}

    /** P(|Z| ≥ |z|). */
    static double twoSidedP(double z) {
        return Math.min(1.0, erfc(Math.abs(z) / Math.sqrt(2)));
    }

    /** The quantile z with P(Z ≤ z) = p, by bisection on {@link #twoSidedP}: called a few times a watch. */
    static double quantile(double p) {
        if (p <= 0 || p >= 1) {
            throw new IllegalArgumentException("probability out of (0, 1): " + p);
        }
        double lo = 0;
        double hi = 40;
        double upperTail = p > 0.5 ? 1 - p : p;
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if (twoSidedP(mid) / 2 > upperTail) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double z = (lo + hi) / 2;
        return p > 0.5 ? z : -z;
    }

    /** Complementary error function, Chebyshev fit with relative error below 1.2e-7 everywhere. */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
