package dev.heaptrail.report;

import dev.heaptrail.analysis.diff.DumpDiff;

import java.util.List;

/**
 * {@code heaptrail diff BEFORE.hprof AFTER.hprof}: the structures of two dumps of one JVM, most
 * retained growth first.
 *
 * @param top the groups to show (0: all)
 */
public record DumpDiffResult(String beforeFile, HeapTotals before, String afterFile, HeapTotals after, DumpDiff diff, int top) {

    public List<DumpDiff.GroupChange> shown() {
        List<DumpDiff.GroupChange> all = diff.groups();
        return top > 0 && top < all.size() ? all.subList(0, top) : all;
    }

    /** The groups that grew. */
    public long grown() {
        return diff.groups().stream().filter(g -> g.growthBytes() > 0).count();
    }
}
