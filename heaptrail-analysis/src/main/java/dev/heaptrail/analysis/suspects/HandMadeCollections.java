package dev.heaptrail.analysis.suspects;

import dev.heaptrail.analysis.HeapAnalysis;
import dev.heaptrail.analysis.dominators.Csr;
import dev.heaptrail.heap.graph.HeapGraph;
import dev.heaptrail.heap.graph.HeapReference;
import dev.heaptrail.heap.index.HeapIndex;
import dev.heaptrail.heap.index.ObjectKind;
import it.unimi.dsi.fastutil.longs.LongArrayList;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Points that are collections by their shape though not by their class, which the JDK's names
 * ({@link ContainerNames}) cannot tell: an application's own linked list, event log or tree. Without
 * this, a chain of a million nodes reads as "one large object" (its head), which it is not.
 * <ul>
 *   <li>A <b>linked chain</b>: each node dominates the next, so the dominator tree is one deep path
 *       of the node class, and the descent to the accumulation point stops at its head.</li>
 *   <li>An object that <b>itself holds</b> many objects of one class: the nodes of a doubly linked list
 *       are each reachable from both ends, so their owner dominates every one of them.</li>
 * </ul>
 */
final class HandMadeCollections {

    private HandMadeCollections() {}

    /**
     * The chain headed at {@code point} when it has at least {@code atLeast} nodes. Reads the dominator
     * tree's rows of the nodes (one walk of the chain) and the head's fields. The nodes counted are the
     * head, those below it, and those of its class its owner holds beside it (a list's tail).
     */
    static Optional<LinkedChain> chainAt(HeapAnalysis analysis, HeapGraph graph, long point, long atLeast) {
        HeapIndex index = analysis.index();
        if (index.kind(point) != ObjectKind.INSTANCE) {
            return Optional.empty();
        }
        int nodeClass = index.classIndexOf(point);
        Csr tree = analysis.dominatorChildren();
        long[] walk = nodesBelow(tree, index, point, nodeClass);
        // A list's owner that also keeps its tail dominates that last node, not the head. An array's
        // other elements are other chains (a hash table's buckets), not this one's.
        long owner = analysis.tree().immediateDominator(point);
        long besideHead = owner < 0 || index.kind(owner) == ObjectKind.OBJECT_ARRAY ? 0 : heldDirectly(analysis, owner, nodeClass) - 1;
        long nodes = walk[0] + 1 + besideHead;
        if (nodes < atLeast) {
            return Optional.empty();
        }
        return Optional.of(new LinkedChain(nodeClass, index.classes().get(nodeClass).name(), nodes, links(analysis, graph, point, nodeClass),
                walk[1] > 0));
    }

    /** Objects of class {@code c} that {@code point} immediately dominates. */
    static long heldDirectly(HeapAnalysis analysis, long point, int c) {
        Csr tree = analysis.dominatorChildren();
        HeapIndex index = analysis.index();
        long n = 0;
        for (long e = tree.start(point), end = tree.end(point); e < end; e++) {
            if (index.classIndexOf(tree.target(e)) == c) {
                n++;
            }
        }
        return n;
    }

    /**
     * Down the dominator tree from {@code head} through objects of {@code nodeClass} only: how many
     * there are, and how many of them hold more than one (a tree's branches).
     */
    private static long[] nodesBelow(Csr tree, HeapIndex index, long head, int nodeClass) {
        LongArrayList work = new LongArrayList();
        work.add(head);
        long nodes = 0;
        long branching = 0;
        while (!work.isEmpty()) { // a list a million long is a path a million deep: no recursion
            long x = work.popLong();
            int held = 0;
            for (long e = tree.start(x), end = tree.end(x); e < end; e++) {
                long child = tree.target(e);
                if (index.classIndexOf(child) == nodeClass && index.kind(child) == ObjectKind.INSTANCE) {
                    nodes++;
                    held++;
                    work.add(child);
                }
            }
            if (held > 1) {
                branching++;
            }
        }
        return new long[] {nodes, branching};
    }

    /** The fields of the head that hold nodes it dominates, the one that retains the most first. */
    private static List<String> links(HeapAnalysis analysis, HeapGraph graph, long head, int nodeClass) {
        Map<String, Long> retained = new HashMap<>();
        for (HeapReference r : graph.object(head).referents()) {
            long to = r.to().number();
            if (to >= 0 && to != head && analysis.index().classIndexOf(to) == nodeClass
                    && analysis.tree().immediateDominator(to) == head) {
                retained.merge(r.name(), analysis.retainedBytes(to), Math::max);
            }
        }
        List<String> links = new ArrayList<>(retained.keySet());
        links.sort(Comparator.comparingLong((String l) -> retained.get(l)).reversed().thenComparing(Comparator.naturalOrder()));
        return links;
    }
}
