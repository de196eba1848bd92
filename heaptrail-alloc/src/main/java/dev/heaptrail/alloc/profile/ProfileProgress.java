package dev.heaptrail.alloc.profile;

import java.time.Duration;

/**
 * Told where a profile has come, about once a second at most, on the thread that runs
 * {@link AllocationProfiler#profile}. Must be cheap; an exception it throws ends the profile (the
 * target is still left as it was found).
 */
@FunctionalInterface
public interface ProfileProgress {

    ProfileProgress NONE = (phase, elapsed, window) -> {};

    /** What the profile is doing. */
    enum Phase {
        /** Attaching, loading the profiler, starting the recording. */
        STARTING,
        /** Recording allocations: {@code elapsed} of {@code window}. */
        PROFILING,
        /** The final collection in the target, stopping the profilers, writing the recording. */
        COLLECTING
    }

    /**
     * @param elapsed time spent in the profiling window so far (zero before it)
     * @param window  the window asked for
     */
    void update(Phase phase, Duration elapsed, Duration window);
}
