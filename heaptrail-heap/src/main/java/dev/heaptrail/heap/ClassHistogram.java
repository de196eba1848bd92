package dev.heaptrail.heap;

import java.util.List;
import java.util.function.Predicate;

/**
 * Instances and shallow bytes per class, as the JVM's own {@code GC.class_histogram} counts them.
 * Rows are per loaded class (two classes of one name from two loaders are two rows), sorted by
 * bytes, largest first.
 *
 * @param layout the object layout inferred from the dump, which the sizes follow
 */
public record ClassHistogram(List<Row> rows, long totalInstances, long totalBytes, ObjectLayout layout) {

    /**
     * One class.
     *
     * @param className as Java source spells it: {@code java.lang.String}, {@code byte[]}
     * @param classId   the class object's id in the dump, 0 when the dump has no CLASS DUMP for it
     */
    public record Row(String className, long classId, long instances, long shallowBytes) {}

    /** The rows that pass the filter, at most {@code limit} of them (all when limit ≤ 0); totals stay those of the whole heap. */
    public ClassHistogram select(Predicate<Row> filter, int limit) {
        List<Row> kept = rows.stream().filter(filter).limit(limit > 0 ? limit : Long.MAX_VALUE).toList();
        return new ClassHistogram(kept, totalInstances, totalBytes, layout);
    }
}
