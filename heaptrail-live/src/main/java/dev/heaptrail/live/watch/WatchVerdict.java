package dev.heaptrail.live.watch;

import dev.heaptrail.live.trend.Trend;
import dev.heaptrail.live.trend.Verdict;

import java.util.List;

/**
 * What a watch concludes: the verdict of the leaking area (or of the main one, heap for a JVM and
 * resident memory for a process, when none leaks), every area's own trend, and notes on how far
 * the signals can be trusted.
 *
 * @param growingIn the leaking area, null unless the verdict is a leak
 * @param lead      the area whose figures the verdict quotes
 */
public record WatchVerdict(Verdict verdict, Area growingIn, AreaTrend lead, List<AreaTrend> areas, List<String> notes) {

    public Trend trend() {
        return lead.trend();
    }

    public Double timeToLimitSeconds() {
        return lead.timeToLimitSeconds();
    }
}
