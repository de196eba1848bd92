package dev.heaptrail.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Byte counts for people: 1023 B, 1.5 KiB, 12.3 MiB, 4.20 GiB. */
public final class Bytes {

    private Bytes() {}

    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        // as String.format's %.2f/%.1f/%.0f round (half up from the shortest decimal), without
        // java.util.Formatter: its first use costs a command a hundredth of a second of start-up
        int scale = v < 10 ? 2 : v < 100 ? 1 : 0;
        return BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_UP).toPlainString() + " " + units[u];
    }

    /** A growth in bytes, its sign always shown: +1.50 MiB, +0 B, -512 B. */
    public static String growth(long bytes) {
        return (bytes < 0 ? "-" : "+") + human(Math.abs(bytes));
    }

    /** A growth in objects, its sign always shown: +4,000, +0, -12. */
    public static String countGrowth(long n) {
        return (n < 0 ? "-" : "+") + count(Math.abs(n));
    }

    /** Thousands separated by commas, as people read counts. */
    public static String count(long n) {
        String digits = Long.toString(n);
        int sign = n < 0 ? 1 : 0;
        int length = digits.length() - sign;
        if (length <= 3) {
            return digits;
        }
        StringBuilder b = new StringBuilder(digits.length() + length / 3).append(digits, 0, sign);
        for (int i = 0; i < length; i++) {
            if (i > 0 && (length - i) % 3 == 0) {
                b.append(',');
            }
            b.append(digits.charAt(sign + i));
        }
        return b.toString();
    }
}
