package dev.heaptrail.report;

import java.util.Locale;

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
        return String.format(Locale.ROOT, v < 10 ? "%.2f %s" : v < 100 ? "%.1f %s" : "%.0f %s", v, units[u]);
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
        return String.format(Locale.ROOT, "%,d", n);
    }
}
