package dev.heaptrail.live.trend;

/**
 * The sign test on changes from one measurement to the next: how many rose against how many fell,
 * ties left out. A one-time jump or drop is one change among many, however large, where it moves
 * every later pair of a rank test such as {@link MannKendall}.
 *
 * @param rises  changes above zero
 * @param falls  changes below zero
 * @param pValue one-sided probability of at least {@code rises} rises among {@code rises + falls}
 *               changes where rising and falling are equally likely (1 when nothing changed)
 */
public record SignTest(int rises, int falls, double pValue) {

    /** The test on {@code changes}. */
    public static SignTest of(double[] changes) {
        int rises = 0;
        int falls = 0;
        for (double d : changes) {
            rises += d > 0 ? 1 : 0;
            falls += d < 0 ? 1 : 0;
        }
        int n = rises + falls;
        double p = 0;
        for (int k = rises; k <= n; k++) {
            p += Math.exp(logChoose(n, k) - n * Math.log(2));
        }
        return new SignTest(rises, falls, Math.min(1, p));
    }

    private static double logChoose(int n, int k) {
        double sum = 0;
        for (int i = 1; i <= k; i++) {
            sum += Math.log(n - k + i) - Math.log(i);
        }
        return sum;
    }
}
