package dev.heaptrail.report;

import dev.heaptrail.analysis.diff.HistogramDiff;

import java.util.List;

/**
 * {@code heaptrail diff A.json B.json}: what grew per class between two saved class histograms.
 *
 * @param before the earlier histogram's file, as given
 * @param after  the later one's
 * @param top    the classes to show (0: all)
 */
public record HistogramDiffResult(String before, String after, HistogramDiff diff, int top) {

    /** The grown classes shown, most bytes grown first. */
    public List<HistogramDiff.ClassChange> shown() {
        List<HistogramDiff.ClassChange> all = diff.grown();
        return top > 0 && top < all.size() ? all.subList(0, top) : all;
    }
}
