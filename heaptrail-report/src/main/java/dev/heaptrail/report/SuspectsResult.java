package dev.heaptrail.report;

import dev.heaptrail.analysis.suspects.LeakSuspect;

import java.util.List;

/** {@code heaptrail analyze}: the ranked leak suspects of a heap, each with its leak trace. */
public record SuspectsResult(HeapTotals heap, List<LeakSuspect> suspects) {
    public SuspectsResult {
        suspects = List.copyOf(suspects);
    }
}
