package dev.heaptrail.report;

import dev.heaptrail.live.watch.MemoryWatch;
import dev.heaptrail.live.watch.WatchVerdict;

/**
 * {@code heaptrail watch}: every sample taken and the verdict on them.
 *
 * @param watch the samples, taken to the end (no longer added to)
 */
public record WatchResult(MemoryWatch watch, WatchVerdict verdict, Ending ending) {

    /**
     * How the watch ended.
     *
     * @param reason           "the duration ended", "the process exited", "interrupted", ...
     * @param leakSinceSeconds since when into the watch the verdict has been a leak, or null
     */
    public record Ending(String reason, double intervalSeconds, Double leakSinceSeconds) {}
}
