package dev.heaptrail.analysis.suspects;

import dev.heaptrail.heap.index.HeapIndex;
import dev.heaptrail.heap.index.IndexedClass;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A class of which an accumulation point holds objects of several copies, each defined by its own
 * class loader: a list of plugins that each came with their loader keeps every loader, every class
 * it loaded and their statics alive, however small the plugin objects are.
 *
 * @param name      the class's name
 * @param copies    how many copies (classes of this name, from distinct loaders) have objects under the point
 * @param instances their outermost objects under the point
 * @param bytes     what those objects retain together
 */
public record DuplicatedClass(String name, int copies, long instances, long bytes) {

    /** Fewer copies than this are normal (an application and a test runner, two plugins). */
    static final int MIN_COPIES = LoaderGroups.MIN_LOADERS;

    /** The duplicated class under the tallied point that retains the most, when there is one. */
    static Optional<DuplicatedClass> in(HeapIndex index, ClassTally tally) {
        Map<String, long[]> byName = new HashMap<>(); // name → copies, instances, bytes, and the last loader seen
        Map<String, java.util.Set<Long>> loaders = new HashMap<>();
        for (IndexedClass c : index.classes()) {
            if (tally.count[c.index()] == 0 || c.loaderId() == 0) {
                continue; // nothing of it under the point, or the boot loader's (one copy only)
            }
            if (loaders.computeIfAbsent(c.name(), k -> new java.util.HashSet<>()).add(c.loaderId())) {
                long[] sums = byName.computeIfAbsent(c.name(), k -> new long[3]);
                sums[0]++;
                sums[1] += tally.count[c.index()];
                sums[2] += tally.bytes[c.index()];
            }
        }
        String best = null;
        for (Map.Entry<String, long[]> e : byName.entrySet()) {
            long[] s = e.getValue();
            if (s[0] >= MIN_COPIES && (best == null || s[2] > byName.get(best)[2]
                    || s[2] == byName.get(best)[2] && e.getKey().compareTo(best) < 0)) {
                best = e.getKey();
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        long[] s = byName.get(best);
        return Optional.of(new DuplicatedClass(best, (int) s[0], s[1], s[2]));
    }
}
