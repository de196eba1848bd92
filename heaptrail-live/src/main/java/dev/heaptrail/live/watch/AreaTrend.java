package dev.heaptrail.live.watch;

import dev.heaptrail.live.trend.Trend;

/**
 * The verdict on one area of memory.
 *
 * @param signal             which figure was judged, for people ("heap after each collection", ...)
 * @param trend              the statistics and verdict
 * @param limitBytes         what the area may grow to (-1 unknown)
 * @param limitName          what sets that limit ("-Xmx", "cgroup memory limit", ...)
 * @param timeToLimitSeconds when it gets there at this slope; null unless it leaks
 * @param judged             false when the figure is shown but not trusted for the verdict (with why in signal)
 */
public record AreaTrend(Area area, String signal, Trend trend, long limitBytes, String limitName,
                        Double timeToLimitSeconds, boolean judged) {}
