package dev.heaptrail.cli;

import picocli.CommandLine;

import java.time.Duration;

/** Durations as people type them: {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h} (a bare number is seconds). */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return positive(Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2))), value);
            }
            long n = Long.parseLong(v.replaceAll("[smh]$", ""));
            Duration d = v.endsWith("h") ? Duration.ofHours(n) : v.endsWith("m") ? Duration.ofMinutes(n) : Duration.ofSeconds(n);
            return positive(d, value);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration (e.g. 500ms, 30s, 10m, 2h)");
        }
    }

    private static Duration positive(Duration d, String value) {
        if (d.isNegative() || d.isZero()) {
            throw new CommandLine.TypeConversionException("'" + value + "' must be more than zero");
        }
        return d;
    }
}
