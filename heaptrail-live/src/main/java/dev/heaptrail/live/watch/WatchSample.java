package dev.heaptrail.live.watch;

import java.util.List;

/**
 * One sample of a watched process.
 *
 * @param epochMillis when it was taken
 * @param rssBytes    resident memory (VmRSS)
 * @param peakRssBytes the most it was resident (VmHWM)
 * @param jvm         the JVM's figures, null for a process that is not an attached JVM
 * @param gcs         collections that ended since the previous sample (as far as seen)
 */
public record WatchSample(long epochMillis, long rssBytes, long peakRssBytes, JvmMemory jvm, List<GcFloor> gcs) {}
