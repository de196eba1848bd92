package dev.heaptrail.report;

import dev.heaptrail.analysis.ClassRetained;

import java.util.List;

/** {@code heaptrail dominators --by-class}: the objects right under the GC roots, grouped by class. */
public record ClassDominatorsResult(HeapTotals heap, List<ClassRetained> classes) {
    public ClassDominatorsResult {
        classes = List.copyOf(classes);
    }
}
