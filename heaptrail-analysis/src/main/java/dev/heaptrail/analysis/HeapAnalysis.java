package dev.heaptrail.analysis;

import dev.heaptrail.analysis.dominators.Csr;
import dev.heaptrail.analysis.dominators.DominatorTree;
import dev.heaptrail.analysis.dominators.StrongReferences;
import dev.heaptrail.heap.index.HeapIndex;
import dev.heaptrail.heap.internal.Background;
import dev.heaptrail.heap.internal.PhaseLog;
import dev.heaptrail.heap.store.NodeArray;

import dev.heaptrail.analysis.paths.GcRootPaths;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One dump's analysis: its index, dominator tree and retained sizes, and the questions asked of
 * them. Immutable after {@link #of}; safe to share between threads.
 */
public final class HeapAnalysis {

    private final HeapIndex index;
    private final DominatorTree tree;
    private final NodeArray retained;
    private final Csr children;
    private final long reachableBytes;
    private final NodeArray.Factory arrays;
    /** Made on first request; it searches only as far as the questions asked of it need. */
    private GcRootPaths rootPaths;

    private HeapAnalysis(HeapIndex index, DominatorTree tree, NodeArray retained, Csr children, long reachableBytes,
                         NodeArray.Factory arrays) {
        this.arrays = arrays;
        this.index = index;
        this.tree = tree;
        this.retained = retained;
        this.children = children;
        this.reachableBytes = reachableBytes;
    }

    /** Computes the dominator tree and retained sizes of an index (in memory proportional to its objects). */
    public static HeapAnalysis of(HeapIndex index) {
        return of(index, NodeArray.Factory.DEFAULT);
    }

    /** As {@link #of(HeapIndex)}, with the working arrays made by {@code arrays} (in the heap, or mapped files). */
    public static HeapAnalysis of(HeapIndex index, NodeArray.Factory arrays) {
        DominatorTree tree = DominatorTree.of(new StrongReferences(index), arrays);
        PhaseLog.mark("dominator tree");
        Background<Csr> dominated = Background.start("dominator-children", () -> tree.children(arrays));
        NodeArray retained = tree.retainedSizes(index::shallowSize, arrays);
        Csr children = dominated.join();
        PhaseLog.mark("retained sizes, children");
        long reachable = 0;
        long top = index.objectCount();
        for (long e = children.start(top); e < children.end(top); e++) {
            reachable += retained.get(children.target(e));
        }
        return new HeapAnalysis(index, tree, retained, children, reachable, arrays);
    }

    /** The shortest strong paths from the GC roots to every reachable object (searched as far as asked). */
    public synchronized GcRootPaths gcRootPaths() {
        if (rootPaths == null) {
            rootPaths = GcRootPaths.of(index, arrays);
        }
        return rootPaths;
    }

    /** Where this analysis keeps its arrays; later computations on it use the same. */
    public NodeArray.Factory arrays() {
        return arrays;
    }

    public HeapIndex index() {
        return index;
    }

    public DominatorTree tree() {
        return tree;
    }

    public long retainedBytes(long object) {
        return retained.get(object);
    }

    /** Bytes of all objects a GC root reaches through strong references. */
    public long reachableBytes() {
        return reachableBytes;
    }

    public long unreachableObjects() {
        return index.objectCount() - tree.reachableCount();
    }

    public long unreachableBytes() {
        return index.histogram().totalBytes() - reachableBytes;
    }

    /**
     * The dominator tree as rows: {@code start(v)} to {@code end(v)} index {@code target(e)}, the
     * objects v immediately dominates; row {@code index().objectCount()} is the virtual root's.
     */
    public Csr dominatorChildren() {
        return children;
    }

    /**
     * The objects the given object immediately dominates (-1: the virtual root), largest retained
     * first; the {@code limit} largest when it is above 0. A collection's array can dominate
     * millions of objects: the largest few are picked with a small heap, not a sort of all.
     */
    public List<Long> dominated(long object, int limit) {
        long slot = object < 0 ? index.objectCount() : object;
        long start = children.start(slot);
        long end = children.end(slot);
        if (limit == 1 && end > start) { // the descent to an accumulation point asks this at every step
            long best = children.target(start);
            long bestRetained = retained.get(best);
            for (long e = start + 1; e < end; e++) {
                long o = children.target(e);
                long r = retained.get(o);
                if (r > bestRetained || r == bestRetained && o < best) {
                    best = o;
                    bestRetained = r;
                }
            }
            return List.of(best);
        }
        Comparator<Long> largestFirst = Comparator.comparingLong((Long o) -> retained.get(o)).reversed()
                .thenComparing(Comparator.naturalOrder());
        if (limit <= 0 || end - start <= limit) {
            List<Long> list = new ArrayList<>();
            for (long e = start; e < end; e++) {
                list.add(children.target(e));
            }
            list.sort(largestFirst);
            return list;
        }
        // Smallest of the kept ones on top, so each newcomer is compared with it alone.
        java.util.PriorityQueue<Long> kept = new java.util.PriorityQueue<>(limit + 1, largestFirst.reversed());
        for (long e = start; e < end; e++) {
            long o = children.target(e);
            if (kept.size() < limit) {
                kept.add(o);
            } else if (largestFirst.compare(o, kept.peek()) < 0) {
                kept.poll();
                kept.add(o);
            }
        }
        List<Long> list = new ArrayList<>(kept);
        list.sort(largestFirst);
        return list;
    }

    /** The top of the dominator tree: the {@code top} largest at each level, {@code depth} levels deep. */
    public List<DominatorNode> topDominators(int top, int depth) {
        return nodes(-1, top, depth);
    }

    private List<DominatorNode> nodes(long parent, int top, int depth) {
        List<DominatorNode> out = new ArrayList<>();
        if (depth <= 0) {
            return out;
        }
        for (long o : dominated(parent, top)) {
            out.add(new DominatorNode(o, index.address(o), index.typeName(o), index.shallowSize(o), retained.get(o),
                    nodes(o, top, depth - 1)));
        }
        return out;
    }

    /** The objects right under the virtual root, grouped by class, largest retained first. */
    public List<ClassRetained> topDominatorsByClass(int top) {
        Map<String, long[]> groups = new HashMap<>();
        for (long o : dominated(-1, 0)) {
            long[] g = groups.computeIfAbsent(index.typeName(o), k -> new long[3]);
            g[0]++;
            g[1] += index.shallowSize(o);
            g[2] += retained.get(o);
        }
        List<ClassRetained> out = new ArrayList<>();
        groups.forEach((name, g) -> out.add(new ClassRetained(name, g[0], g[1], g[2])));
        out.sort(Comparator.comparingLong(ClassRetained::retainedBytes).reversed().thenComparing(ClassRetained::className));
        return top > 0 && out.size() > top ? List.copyOf(out.subList(0, top)) : out;
    }

}
