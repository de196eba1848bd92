package dev.heaptrail.analysis.diff;

import dev.heaptrail.heap.ClassHistogram;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What changed per class between two class histograms of one JVM (objgraph's {@code show_growth}
 * between two saved moments). Classes are matched by name: the two histograms come from different
 * dumps or processes, where class ids mean nothing, and two loaders' copies of one class are summed.
 *
 * @param grown    the classes that grew in bytes or instances, most bytes grown first
 * @param shrunk   how many classes shrank or went away
 * @param appeared how many of the grown classes were not in the earlier histogram at all
 */
public record HistogramDiff(List<ClassChange> grown, int shrunk, int appeared, Totals before, Totals after) {

    public HistogramDiff {
        grown = List.copyOf(grown);
    }

    /** A histogram's totals: every class, not only those shown. */
    public record Totals(long instances, long bytes) {}

    /** One class in both histograms (0 where it was absent). */
    public record ClassChange(String className, long instancesBefore, long instancesAfter, long bytesBefore, long bytesAfter) {

        public long growthInstances() {
            return instancesAfter - instancesBefore;
        }

        public long growthBytes() {
            return bytesAfter - bytesBefore;
        }
    }

    public static HistogramDiff of(ClassHistogram before, ClassHistogram after) {
        Map<String, long[]> was = byName(before);
        Map<String, long[]> now = byName(after);
        List<ClassChange> grown = new ArrayList<>();
        int appeared = 0;
        for (Map.Entry<String, long[]> e : now.entrySet()) {
            long[] b = was.getOrDefault(e.getKey(), new long[2]);
            ClassChange c = new ClassChange(e.getKey(), b[0], e.getValue()[0], b[1], e.getValue()[1]);
            if (c.growthBytes() > 0 || c.growthInstances() > 0) {
                grown.add(c);
                appeared += was.containsKey(e.getKey()) ? 0 : 1;
            }
        }
        int shrunk = 0;
        for (Map.Entry<String, long[]> e : was.entrySet()) {
            long[] n = now.getOrDefault(e.getKey(), new long[2]);
            boolean grew = n[0] > e.getValue()[0] || n[1] > e.getValue()[1];
            if (!grew && (n[0] < e.getValue()[0] || n[1] < e.getValue()[1])) {
                shrunk++;
            }
        }
        grown.sort(Comparator.comparingLong(ClassChange::growthBytes).reversed()
                .thenComparing(Comparator.comparingLong(ClassChange::growthInstances).reversed())
                .thenComparing(ClassChange::className));
        return new HistogramDiff(grown, shrunk, appeared, new Totals(before.totalInstances(), before.totalBytes()),
                new Totals(after.totalInstances(), after.totalBytes()));
    }

    private static Map<String, long[]> byName(ClassHistogram h) {
        Map<String, long[]> m = new LinkedHashMap<>();
        for (ClassHistogram.Row r : h.rows()) {
            long[] sum = m.computeIfAbsent(r.className(), k -> new long[2]);
            sum[0] += r.instances();
            sum[1] += r.shallowBytes();
        }
        return m;
    }
}
