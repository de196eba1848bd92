package dev.heaptrail.analysis.suspects;

import dev.heaptrail.analysis.HeapAnalysis;
import dev.heaptrail.analysis.dominators.DominatorTree;
import dev.heaptrail.heap.index.HeapIndex;
import dev.heaptrail.heap.index.IndexedClass;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * The class-loader leak that no single object dominates: many loaders of one kind, each with its
 * own copy of the same classes, each kept alive by something of its own (a thread's context
 * loader, a thread started by a redeployed application, a JDBC driver registered once per
 * deployment). The dominator tree shows them as many small, unrelated objects; grouping loaders
 * by their class and the classes they duplicate shows the leak.
 */
final class LoaderGroups {

    /** Fewer copies than this are normal (an application and a test runner, two plugins). */
    static final int MIN_LOADERS = 3;

    /** Loaders of class {@code loaderClass}, largest retained first, that each define {@code duplicatedClass}. */
    record Group(String loaderClass, String duplicatedClass, List<Long> loaders, long retainedBytes) {}

    private LoaderGroups() {}

    /**
     * Groups of at least {@link #MIN_LOADERS} reachable loaders retaining {@code threshold} bytes
     * together, leaving out loaders that lie under one of {@code found} (already reported as the
     * collection that keeps them) or under another loader of the group.
     */
    static List<Group> find(HeapAnalysis analysis, Set<Long> found, long threshold, LongPredicate isClassLoader) {
        HeapIndex index = analysis.index();
        DominatorTree tree = analysis.tree();
        Map<String, List<Long>> definers = new HashMap<>(); // class name → loaders defining it
        for (IndexedClass c : index.classes()) {
            if (c.classId() == 0 || c.loaderId() == 0) {
                continue; // a stand-in, or a class of the boot loader
            }
            long loader = index.objectNumber(c.loaderId());
            if (loader >= 0 && tree.isReachable(loader) && isClassLoader.test(loader)) {
                definers.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(loader);
            }
        }
        // For each loader class: its loaders that define a class another loader of that class defines too.
        Map<String, Map<Long, String>> byKind = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(definers.keySet());
        names.sort(Comparator.comparing((String n) -> -definers.get(n).size()).thenComparing(Comparator.naturalOrder()));
        for (String name : names) {
            List<Long> loaders = definers.get(name);
            if (loaders.size() < 2) {
                continue;
            }
            for (long loader : loaders) {
                String kind = index.typeName(loader);
                byKind.computeIfAbsent(kind, k -> new LinkedHashMap<>()).putIfAbsent(loader, name);
            }
        }
        List<Group> groups = new ArrayList<>();
        for (Map.Entry<String, Map<Long, String>> e : byKind.entrySet()) {
            Set<Long> members = e.getValue().keySet();
            List<Long> kept = new ArrayList<>();
            for (long loader : members) {
                if (!underAny(tree, loader, found, members)) {
                    kept.add(loader);
                }
            }
            long sum = 0;
            for (long loader : kept) {
                sum += analysis.retainedBytes(loader);
            }
            // The sum misses what two loaders of the group share; the exact figure costs a search of the heap.
            long retained = kept.size() >= MIN_LOADERS && sum >= threshold / 2 ? retainedTogether(analysis, kept) : sum;
            if (kept.size() >= MIN_LOADERS && retained >= threshold) {
                kept.sort(Comparator.comparingLong(analysis::retainedBytes).reversed().thenComparing(Comparator.naturalOrder()));
                Map<String, Integer> copies = new HashMap<>();
                for (long loader : kept) {
                    copies.merge(e.getValue().get(loader), 1, Integer::sum);
                }
                String duplicated = copies.entrySet().stream()
                        .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                        .orElseThrow().getKey();
                groups.add(new Group(e.getKey(), duplicated, List.copyOf(kept), retained));
            }
        }
        return groups;
    }

    /**
     * What the objects retain together: the bytes the GC roots no longer reach when none of them
     * may be entered (one breadth-first search of the heap).
     */
    static long retainedTogether(HeapAnalysis analysis, List<Long> objects) {
        return analysis.reachableBytes() - new BlockedSearch(analysis, objects).fromRoots();
    }

    /** Whether a dominator of {@code loader} (not itself) is one of {@code found} or another of {@code members}. */
    private static boolean underAny(DominatorTree tree, long loader, Set<Long> found, Set<Long> members) {
        long up = tree.immediateDominator(loader);
        for (long steps = 0; up >= 0 && steps < 1_000_000; steps++) {
            if (found.contains(up) || members.contains(up)) {
                return true;
            }
            up = tree.immediateDominator(up);
        }
        return false;
    }
}
