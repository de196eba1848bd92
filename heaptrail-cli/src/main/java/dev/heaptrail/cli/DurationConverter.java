package dev.heaptrail.cli;

import dev.heaptrail.live.Durations;
import picocli.CommandLine;

import java.time.Duration;

/** Durations as people type them: {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h} (a bare number is seconds). */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
