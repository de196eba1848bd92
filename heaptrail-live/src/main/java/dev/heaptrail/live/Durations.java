package dev.heaptrail.live;

import java.time.Duration;
import java.util.Locale;

/** Durations as people type them, for the CLI's options and the agent's alike. */
public final class Durations {

    private Durations() {}

    /**
     * {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h}; a bare number is seconds. Throws
     * IllegalArgumentException for anything else, and for zero or less.
     */
    public static Duration parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        Duration d;
        try {
            if (v.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            } else {
                long n = Long.parseLong(v.replaceAll("[smh]$", ""));
                d = v.endsWith("h") ? Duration.ofHours(n) : v.endsWith("m") ? Duration.ofMinutes(n) : Duration.ofSeconds(n);
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + value + "' is not a duration (e.g. 500ms, 30s, 10m, 2h)", e);
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("'" + value + "' must be more than zero");
        }
        return d;
    }
}
