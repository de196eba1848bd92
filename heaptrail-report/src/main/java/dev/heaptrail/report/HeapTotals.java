package dev.heaptrail.report;

import dev.heaptrail.analysis.HeapAnalysis;

/** What an analysed heap holds, reachable and not: the line above every dominator and suspect report. */
public record HeapTotals(long reachableObjects, long reachableBytes, long unreachableObjects, long unreachableBytes) {

    public static HeapTotals of(HeapAnalysis a) {
        return new HeapTotals(a.tree().reachableCount(), a.reachableBytes(), a.unreachableObjects(), a.unreachableBytes());
    }

    /** {@code bytes} as a percentage of the reachable heap (of 1 byte when the heap is empty). */
    public double percentOfReachable(long bytes) {
        return 100.0 * bytes / Math.max(1, reachableBytes);
    }
}
