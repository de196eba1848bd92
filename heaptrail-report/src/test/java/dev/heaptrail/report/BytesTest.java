package dev.heaptrail.report;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Bytes formats without java.util.Formatter (start-up), and must print exactly what the Formatter would. */
class BytesTest {

    /** The oracle: the unit from the bit length, the value by one exact division by a power of two, Formatter's rounding. */
    private static String formatterHuman(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        int unit = Math.min(4, (63 - Long.numberOfLeadingZeros(bytes)) / 10);
        double v = bytes / Math.pow(1024, unit);
        String pattern = v < 10 ? "%.2f %s" : v < 100 ? "%.1f %s" : "%.0f %s";
        return String.format(Locale.ROOT, pattern, v, new String[] {"", "KiB", "MiB", "GiB", "TiB"}[unit]);
    }

    @Test
    void countsAndSizesAreWhatStringFormatWouldPrint() {
        long[] edges = {0, 1, -1, 999, 1000, -1000, 999_999, 1_000_000, 1023, 1024, 10_234, 10_235, 1_048_575,
            1_048_576, 102_394, 102_400, 1_073_741_823, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1};
        for (long n : edges) {
            assertThat(Bytes.count(n)).as("count %d", n).isEqualTo(String.format(Locale.ROOT, "%,d", n));
            if (n >= 0) {
                assertThat(Bytes.human(n)).as("human %d", n).isEqualTo(formatterHuman(n));
            }
        }
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 200_000; i++) {
            // every magnitude, and values a hair either side of a rounding step (x.xx5 of a unit)
            long n = random.nextLong() >>> random.nextInt(64);
            if (i % 2 == 0) {
                long unit = 1L << (10 * (1 + random.nextInt(4)));
                n = Math.max(0, (long) ((random.nextInt(100_000) + 0.5) / 1000 * unit) + random.nextInt(-3, 4));
            }
            assertThat(Bytes.count(n)).isEqualTo(String.format(Locale.ROOT, "%,d", n));
            assertThat(Bytes.count(-n)).isEqualTo(String.format(Locale.ROOT, "%,d", -n));
            assertThat(Bytes.human(n)).as("human %d", n).isEqualTo(formatterHuman(n));
        }
    }
}
