package dev.heaptrail.alloc.profile;

import dev.heaptrail.alloc.Source;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What {@link AllocationProfiler#profile} wrote.
 *
 * @param file            the recording (JFR format, mode 0600): with async-profiler, its chunks followed by
 *                        those of the JDK's own recording (old-object samples with reference chains), when
 *                        the target has JFR; one JDK recording otherwise
 * @param source          the profiler whose samples the recording holds
 * @param profiled        how long the window lasted (shorter than asked when it ended early)
 * @param endedEarly      the window was ended by {@link AllocationProfiler#close()} before its time
 * @param finalCollection when the final full collection in the target ended; samples of objects
 *                        allocated after it were not judged by it. Null when none ran.
 * @param notes           what people should know about this recording, one line each
 */
public record ProfiledRecording(Path file, Source source, Duration profiled, boolean endedEarly, Instant finalCollection,
                                List<String> notes) {

    public ProfiledRecording {
        notes = List.copyOf(notes);
    }
}
