package dev.heaptrail.live.trend;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The tests' arithmetic against values worked out by hand and tables. */
class StatisticsTest {

    @Test
    void normalTailsAndQuantilesMatchTables() {
        assertThat(Normal.twoSidedP(1.959964)).isCloseTo(0.05, within(1e-6));
        assertThat(Normal.twoSidedP(2.575829)).isCloseTo(0.01, within(1e-6));
        assertThat(Normal.twoSidedP(0)).isCloseTo(1.0, within(1e-6));
        assertThat(Normal.quantile(0.975)).isCloseTo(1.959964, within(1e-5));
        assertThat(Normal.quantile(0.005)).isCloseTo(-2.575829, within(1e-5));
    }

    @Test
    void mannKendallCountsPairsAndCorrectsForTies() {
        // pairs of 1 3 2 4: rising 5, falling 1
        MannKendall mk = MannKendall.of(new double[] {1, 3, 2, 4});
        assertThat(mk.s()).isEqualTo(4);
        assertThat(mk.variance()).isCloseTo(4 * 3 * 13 / 18.0, within(1e-9));
        assertThat(mk.z()).isCloseTo(3 / Math.sqrt(26 / 3.0), within(1e-9));
        // one tie of two: variance loses 2*1*9/18 = 1
        MannKendall tied = MannKendall.of(new double[] {1, 2, 2, 4});
        assertThat(tied.s()).isEqualTo(5);
        assertThat(tied.variance()).isCloseTo(26 / 3.0 - 1, within(1e-9));
        MannKendall falling = MannKendall.of(new double[] {9, 7, 5, 3, 1, 0});
        assertThat(falling.s()).isEqualTo(-15);
        assertThat(falling.z()).isNegative();
    }

    @Test
    void signTestCountsRisesAndFallsAndTakesTheBinomialTail() {
        // 18 rises, 2 falls, 3 ties: P(X >= 18 | n = 20, 1/2) = (190 + 20 + 1) / 2^20
        double[] changes = new double[23];
        java.util.Arrays.fill(changes, 48);
        changes[1] = -1384;
        changes[4] = -1208;
        changes[7] = changes[9] = changes[11] = 0;
        SignTest t = SignTest.of(changes);
        assertThat(t.rises()).isEqualTo(18);
        assertThat(t.falls()).isEqualTo(2);
        assertThat(t.pValue()).isCloseTo(211.0 / (1 << 20), within(1e-12));
        // half up, half down: the tail from the middle of a symmetric binomial, over one half
        assertThat(SignTest.of(new double[] {1, -1, 1, -1}).pValue()).isCloseTo(11.0 / 16, within(1e-12));
        assertThat(SignTest.of(new double[] {0, 0}).pValue()).isEqualTo(1.0);
    }

    @Test
    void theilSenIgnoresAnOutlierThatMovesLeastSquares() {
        double[] t = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        double[] y = {0, 2, 4, 6, 8, 10, 12, 14, 16, 1000};
        TheilSen ts = TheilSen.of(t, y, 0.95);
        assertThat(ts.slope()).isEqualTo(2.0);
        assertThat(ts.low()).isLessThanOrEqualTo(2.0);
        assertThat(ts.high()).isGreaterThanOrEqualTo(2.0);
    }

    @Test
    void senIntervalTakesTheRanksOfTheSlopes() {
        // 6 points: 15 slopes; var(S) = 6*5*17/18 = 28.33, C = 1.96*5.32 = 10.43,
        // M1 = (15 - 10.43)/2 = 2.28 -> 2nd smallest, M2 + 1 = 13.7 -> 13th... rounded outward: 14th
        double[] t = {0, 1, 2, 3, 4, 5};
        double[] y = {0, 1.5, 1.8, 3.5, 3.7, 5.6};
        TheilSen ts = TheilSen.of(t, y, 0.95);
        double[] slopes = new double[15];
        int m = 0;
        for (int i = 0; i < 6; i++) {
            for (int j = i + 1; j < 6; j++) {
                slopes[m++] = (y[j] - y[i]) / (t[j] - t[i]);
            }
        }
        java.util.Arrays.sort(slopes);
        assertThat(ts.slope()).isEqualTo(slopes[7]);
        assertThat(ts.low()).isEqualTo(slopes[1]);
        assertThat(ts.high()).isEqualTo(slopes[13]);
    }
}
