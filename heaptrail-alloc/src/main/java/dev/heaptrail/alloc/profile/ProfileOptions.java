package dev.heaptrail.alloc.profile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link AllocationProfiler} profiles a running JVM.
 *
 * @param duration      the profiling window (at least one second)
 * @param source        which profiler runs in the target
 * @param fullGcAtEnd   run a full collection in the target just before the profile is collected, so
 *                      that only objects really alive are survivors (on by default; off leaves garbage
 *                      not yet collected among them, but spares the target a full pause)
 * @param output        where the recording is written (mode 0600); it must not exist
 * @param sampleBytes   async-profiler's sampling interval: bytes allocated between two samples, 0 for
 *                      its default (512 KiB). Smaller gives more samples and costs more.
 */
public record ProfileOptions(Duration duration, SourceChoice source, boolean fullGcAtEnd, Path output, long sampleBytes) {

    public ProfileOptions {
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(output, "output");
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("a profile lasts at least 1 s, not " + duration);
        }
        if (sampleBytes < 0) {
            throw new IllegalArgumentException("the sampling interval is a number of bytes, not " + sampleBytes);
        }
    }

    /** 60 s, async-profiler where it loads, a full collection at the end, async-profiler's own interval. */
    public static ProfileOptions defaults(Path output) {
        return new ProfileOptions(Duration.ofSeconds(60), SourceChoice.AUTO, true, output, 0);
    }

    public ProfileOptions withDuration(Duration d) {
        return new ProfileOptions(d, source, fullGcAtEnd, output, sampleBytes);
    }

    public ProfileOptions withSource(SourceChoice s) {
        return new ProfileOptions(duration, s, fullGcAtEnd, output, sampleBytes);
    }

    public ProfileOptions withFullGcAtEnd(boolean gc) {
        return new ProfileOptions(duration, source, gc, output, sampleBytes);
    }

    public ProfileOptions withSampleBytes(long bytes) {
        return new ProfileOptions(duration, source, fullGcAtEnd, output, bytes);
    }
}
