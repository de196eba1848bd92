package dev.heaptrail.alloc.profile;

import dev.heaptrail.live.JvmConnection;
import dev.heaptrail.testkit.ChildProcess;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SamplingIntervalTest {

    @Test
    void theDefaultUpTo500MbPerSecondAndLongerInProportionAbove() {
        assertThat(SamplingInterval.forRate(-1)).isEqualTo(512 * 1024);
        assertThat(SamplingInterval.forRate(Double.NaN)).isEqualTo(512 * 1024);
        assertThat(SamplingInterval.forRate(300e6)).isEqualTo(512 * 1024);
        assertThat(SamplingInterval.forRate(500e6)).isEqualTo(512 * 1024);
        assertThat(SamplingInterval.forRate(1e9)).isEqualTo(1024 * 1024);
        assertThat(SamplingInterval.forRate(3e9)).isEqualTo(3 * 1024 * 1024);
        assertThat(SamplingInterval.forRate(750e6)).isEqualTo(768 * 1024);
        // samples a second stay about 1,000 (953 at 500 MB/s) however fast the target allocates
        for (double rate : new double[] {600e6, 2e9, 7.3e9, 40e9}) {
            assertThat(rate / SamplingInterval.forRate(rate)).as("%.0f B/s", rate).isBetween(940.0, 954.0);
        }
    }

    /** The rate measured in a real target against the rate it is told to keep (a ceiling it reaches on an idle core). */
    @Test
    void theMeasuredRateIsTheTargetsOwn() throws Exception {
        try (ChildProcess target = BusyTarget.start(17, List.of(), "--rate", "200");
             JvmConnection jvm = JvmConnection.to(target.pid())) {
            SamplingInterval.measure(jvm.server(), Duration.ofSeconds(1)); // past the start-up
            double rate = SamplingInterval.measure(jvm.server(), Duration.ofSeconds(2));
            assertThat(rate).isBetween(140e6, 230e6);
        }
    }
}
