package dev.heaptrail.report;

import dev.heaptrail.analysis.graph.ReferenceGraph;
import dev.heaptrail.analysis.suspects.LeakSuspect;

import java.util.List;

/**
 * {@code heaptrail analyze}: the ranked leak suspects of a heap, each with its leak trace.
 *
 * @param dump  the dump's file name, for a page's title; null when unknown
 * @param graph who holds the first suspect, as a picture (for the HTML page); null when not drawn
 */
public record SuspectsResult(HeapTotals heap, List<LeakSuspect> suspects, String dump, ReferenceGraph graph) {
    public SuspectsResult {
        suspects = List.copyOf(suspects);
    }

    public SuspectsResult(HeapTotals heap, List<LeakSuspect> suspects) {
        this(heap, suspects, null, null);
    }
}
