package dev.heaptrail.report;

import dev.heaptrail.alloc.AllocationReport;

import java.util.Objects;

/**
 * {@code heaptrail alloc} and {@code heaptrail sites}: allocation sites ranked by estimated surviving
 * bytes (or their growth), the stacks behind them for a flame graph.
 *
 * @param report    the sites, stacks and facts of the recording
 * @param recording what the report was made from, as the output names it: the recording's file name
 *                  ("orders.jfr"; under {@code --compare} the later one) or the profiled process ("PID 4242")
 */
public record SitesResult(AllocationReport report, String recording) {

    public SitesResult {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(recording, "recording");
    }
}
