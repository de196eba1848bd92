package dev.heaptrail.report;

import dev.heaptrail.analysis.DominatorNode;

import java.util.List;

/** {@code heaptrail dominators}: the top of the dominator tree, each node with the levels under it asked for. */
public record DominatorsResult(HeapTotals heap, List<DominatorNode> dominators) {
    public DominatorsResult {
        dominators = List.copyOf(dominators);
    }
}
