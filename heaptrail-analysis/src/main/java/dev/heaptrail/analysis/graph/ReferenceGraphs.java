package dev.heaptrail.analysis.graph;

import dev.heaptrail.analysis.HeapAnalysis;
import dev.heaptrail.analysis.paths.PathDescriber;
import dev.heaptrail.analysis.paths.PathStep;
import dev.heaptrail.analysis.suspects.ContainerNames;
import dev.heaptrail.analysis.suspects.LeakSuspect;
import dev.heaptrail.heap.index.GcRootEntry;
import dev.heaptrail.heap.index.HeapIndex;
import dev.heaptrail.heap.index.ObjectKind;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a {@link ReferenceGraph}, as objgraph's show_backrefs draws one: the shortest strong path
 * from a GC root to each target, always; then each target's referrers, and theirs, up to a depth,
 * the few that retain the most at each object (an object can have millions), until the node limit.
 * Steps through a collection's internals or an array cost no depth: they are folded away after.
 */
public final class ReferenceGraphs {

    /** Referrers drawn per object; the rest are counted. */
    public static final int FAN_IN = 5;

    private ReferenceGraphs() {}

    /** The shortest paths alone: what {@code analyze} pictures for a suspect. */
    public static ReferenceGraph shortestPaths(HeapAnalysis analysis, List<Long> targets, int maxNodes) throws IOException {
        return of(analysis, targets, 0, maxNodes);
    }

    /** Objects of the suspect's dominant class drawn under its accumulation point. */
    static final int SAMPLE = 3;

    /**
     * What {@code analyze} pictures for a suspect: the shortest paths to its accumulation point (to
     * each root's, when it is one leak spread under several) and to the few largest objects of its
     * dominant class under it, which show how the point holds them.
     */
    public static ReferenceGraph suspect(HeapAnalysis analysis, LeakSuspect suspect, int maxNodes) throws IOException {
        List<Long> targets = new ArrayList<>();
        targets.add(suspect.accumulationPoint());
        if (suspect.spread() != null) {
            for (LeakSuspect.Member m : suspect.spread().members().subList(0, Math.min(SAMPLE, suspect.spread().members().size()))) {
                long o = analysis.index().objectNumber(m.address());
                if (o >= 0 && !targets.contains(o)) {
                    targets.add(o);
                }
            }
        }
        targets.addAll(largestOf(analysis, suspect.accumulationPoint(), suspect.dominantClass(), SAMPLE));
        return shortestPaths(analysis, targets, maxNodes);
    }

    /**
     * The largest objects of a class in the dominator subtree under {@code top}: breadth first over
     * the largest children of each object, a bounded number of them (a collection's array can
     * dominate millions).
     */
    static List<Long> largestOf(HeapAnalysis analysis, long top, String className, int count) {
        List<Long> found = new ArrayList<>();
        if (className == null) {
            return found;
        }
        ArrayDeque<Long> queue = new ArrayDeque<>(List.of(top));
        int visited = 0;
        while (!queue.isEmpty() && visited < 2000) {
            long o = queue.poll();
            visited++;
            for (long c : analysis.dominated(o, 64)) {
                if (analysis.index().typeName(c).equals(className)) {
                    found.add(c);
                } else {
                    queue.add(c);
                }
            }
        }
        found.sort(java.util.Comparator.comparingLong((Long o) -> analysis.retainedBytes(o)).reversed());
        return found.subList(0, Math.min(count, found.size()));
    }

    /**
     * @param targets  object numbers
     * @param depth    how many levels of referrers beyond the shortest paths (0: none)
     * @param maxNodes how many objects at most, before internals are folded (the paths are always whole)
     */
    public static ReferenceGraph of(HeapAnalysis analysis, List<Long> targets, int depth, int maxNodes) throws IOException {
        HeapIndex index = analysis.index();
        Set<Long> objects = new LinkedHashSet<>();
        Map<Link, Boolean> links = new LinkedHashMap<>(); // a reference, and whether it is on a shortest path
        List<List<Long>> shortest = new ArrayList<>();
        for (long t : targets) {
            List<Long> path = analysis.gcRootPaths().pathTo(t);
            shortest.add(path.isEmpty() ? List.of(t) : path);
            objects.addAll(shortest.get(shortest.size() - 1));
            for (int i = 0; i + 1 < path.size(); i++) {
                links.put(new Link(path.get(i), path.get(i + 1)), true);
            }
        }
        Map<Long, Long> moreReferrers = new HashMap<>();
        long omitted = referrers(analysis, targets, depth, maxNodes, objects, links, moreReferrers);

        PathDescriber describer = new PathDescriber(index);
        Map<Long, String> rootKinds = rootKinds(index, objects);
        Map<Link, String> labels = new HashMap<>();
        List<List<PathStep>> described = describer.describe(shortest);
        for (List<PathStep> steps : described) {
            if (steps.size() > 1) {
                rootKinds.put(steps.get(0).object(), steps.get(0).rootKind());
            }
            for (int i = 1; i < steps.size(); i++) {
                labels.put(new Link(steps.get(i - 1).object(), steps.get(i).object()), label(steps.get(i)));
            }
        }
        List<List<Long>> others = new ArrayList<>();
        for (Link l : links.keySet()) {
            if (!labels.containsKey(l)) {
                others.add(List.of(l.from(), l.to()));
            }
        }
        for (List<PathStep> steps : describer.describe(others)) {
            labels.put(new Link(steps.get(0).object(), steps.get(1).object()), label(steps.get(1)));
        }
        return Folding.fold(index, analysis, objects, links, labels, rootKinds, Set.copyOf(targets), moreReferrers, omitted);
    }

    /** A reference from one object to another. */
    record Link(long from, long to) {}

    /** Adds referrers breadth first; returns how many were left out. */
    private static long referrers(HeapAnalysis analysis, List<Long> targets, int depth, int maxNodes, Set<Long> objects,
                                  Map<Link, Boolean> links, Map<Long, Long> moreReferrers) {
        if (depth <= 0) {
            return 0;
        }
        HeapIndex index = analysis.index();
        long omitted = 0;
        ArrayDeque<long[]> queue = new ArrayDeque<>();
        for (long t : targets) {
            queue.add(new long[] {t, depth});
        }
        while (!queue.isEmpty()) {
            long[] next = queue.poll();
            long o = next[0];
            if (index.kind(o) == ObjectKind.CLASS) {
                continue; // every instance refers to its class: millions of referrers that say nothing of who holds it
            }
            long[] best = new long[FAN_IN];
            int kept = 0;
            long all = 0;
            for (long e = index.incomingStart(o); e < index.incomingEnd(o); e++) {
                long r = index.incomingSource(e);
                if (r == o || objects.contains(r) && links.containsKey(new Link(r, o))) {
                    continue; // drawn already (on a shortest path)
                }
                all++;
                kept = keepLargest(analysis, best, kept, r);
            }
            long left = all - kept;
            for (int i = 0; i < kept; i++) {
                long r = best[i];
                boolean known = objects.contains(r);
                if (!known && objects.size() >= maxNodes) {
                    left++;
                    continue;
                }
                links.putIfAbsent(new Link(r, o), false);
                if (!known) {
                    objects.add(r);
                    String name = index.typeName(r);
                    long cost = ContainerNames.internals(name) || name.endsWith("[]") ? 0 : 1;
                    if (next[1] - cost > 0) {
                        queue.add(new long[] {r, next[1] - cost});
                    }
                }
            }
            if (left > 0) {
                moreReferrers.merge(o, left, Long::sum);
                omitted += left;
            }
        }
        return omitted;
    }

    /** Keeps the {@code best.length} referrers that retain the most (distinct), in no order; returns how many are kept. */
    private static int keepLargest(HeapAnalysis analysis, long[] best, int kept, long r) {
        for (int i = 0; i < kept; i++) {
            if (best[i] == r) {
                return kept;
            }
        }
        if (kept < best.length) {
            best[kept] = r;
            return kept + 1;
        }
        int smallest = 0;
        for (int i = 1; i < kept; i++) {
            if (analysis.retainedBytes(best[i]) < analysis.retainedBytes(best[smallest])) {
                smallest = i;
            }
        }
        if (analysis.retainedBytes(r) > analysis.retainedBytes(best[smallest])) {
            best[smallest] = r;
        }
        return kept;
    }

    private static Map<Long, String> rootKinds(HeapIndex index, Set<Long> objects) {
        Map<Long, String> kinds = new HashMap<>();
        for (GcRootEntry r : index.gcRoots()) {
            if (objects.contains(r.object())) {
                kinds.putIfAbsent(r.object(), r.kind().label().substring("ROOT ".length()).toLowerCase());
            }
        }
        return kinds;
    }

    private static String label(PathStep step) {
        if (step.field() != null) { // "<class>", "<classloader>": links of the JVM's, not fields
            return (step.field().startsWith("<") ? "" : ".") + step.field() + (step.isStatic() ? " (static)" : "");
        }
        return step.index() >= 0 ? "[" + step.index() + "]" : "→";
    }
}
