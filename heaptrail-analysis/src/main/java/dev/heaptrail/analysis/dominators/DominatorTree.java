package dev.heaptrail.analysis.dominators;

import dev.heaptrail.heap.store.NodeArray;

import java.util.function.LongUnaryOperator;

/**
 * Who dominates whom among the objects reachable from the GC roots: object {@code d} dominates
 * {@code v} when every path from a root to {@code v} passes through {@code d}, so freeing
 * {@code d} frees {@code v}. Computed by the semi-NCA algorithm on primitive arrays with explicit
 * stacks (see {@link SemiNca}): no recursion, whatever the depth of the heap.
 *
 * <p>Nodes are numbered in depth-first preorder from the virtual root (1); 0 means none.
 */
public final class DominatorTree {

    /** Returned by {@link #immediateDominator} for objects dominated only by the virtual root. */
    public static final long VIRTUAL_ROOT = -1;
    /** Returned by {@link #immediateDominator} for objects no GC root reaches. */
    public static final long UNREACHABLE = -2;

    private final NodeArray preorder;
    private final NodeArray vertex;
    private final NodeArray idom;
    private final long reachable;

    DominatorTree(NodeArray preorder, NodeArray vertex, NodeArray idom, long reachable) {
        this.preorder = preorder;
        this.vertex = vertex;
        this.idom = idom;
        this.reachable = reachable;
    }

    /** Computes the tree of a graph (in memory proportional to its node count). */
    public static DominatorTree of(ReferenceGraph graph) {
        return of(graph, NodeArray.Factory.DEFAULT);
    }

    /** As {@link #of(ReferenceGraph)}, with the working arrays made by {@code arrays}. */
    public static DominatorTree of(ReferenceGraph graph, NodeArray.Factory arrays) {
        return SemiNca.compute(graph, arrays);
    }

    /** How many objects a GC root reaches through strong references. */
    public long reachableCount() {
        return reachable;
    }

    public boolean isReachable(long object) {
        return preorder.get(object) != 0;
    }

    /**
     * The object that immediately dominates {@code object}, {@link #VIRTUAL_ROOT} when only the
     * virtual root does (it is a GC root, or reachable from several roots), or {@link #UNREACHABLE}.
     */
    public long immediateDominator(long object) {
        long p = preorder.get(object);
        if (p == 0) {
            return UNREACHABLE;
        }
        long d = idom.get(p);
        return d == 1 ? VIRTUAL_ROOT : vertex.get(d);
    }

    /**
     * The objects each object immediately dominates, as rows: {@code rows.start(v)} to
     * {@code rows.end(v)} index {@code rows.target(e)}. Node {@code n} (one past the last object)
     * stands for the virtual root, whose children are the objects only the roots as a whole keep.
     */
    public Csr children() {
        return children(NodeArray.Factory.DEFAULT);
    }

    /** As {@link #children()}, with its arrays made by {@code arrays}. */
    public Csr children(NodeArray.Factory arrays) {
        long n = preorder.size();
        long k = reachable + 1;
        NodeArray start = arrays.create(n + 2, k);
        for (long p = 2; p <= k; p++) {
            long parent = parentSlot(p, n);
            start.set(parent + 1, start.get(parent + 1) + 1);
        }
        for (long i = 1; i <= n + 1; i++) {
            start.set(i, start.get(i) + start.get(i - 1));
        }
        NodeArray cursor = arrays.create(n + 1, k);
        for (long i = 0; i <= n; i++) {
            cursor.set(i, start.get(i));
        }
        NodeArray list = arrays.create(Math.max(1, k - 1), n);
        for (long p = 2; p <= k; p++) {
            long parent = parentSlot(p, n);
            long at = cursor.get(parent);
            list.set(at, vertex.get(p));
            cursor.set(parent, at + 1);
        }
        arrays.release(cursor);
        long edges = k - 1;
        return new Csr() {
            @Override
            public long start(long node) {
                return start.get(node);
            }

            @Override
            public long end(long node) {
                return start.get(node + 1);
            }

            @Override
            public long target(long edge) {
                return list.get(edge);
            }

            @Override
            public long edgeCount() {
                return edges;
            }
        };
    }

    private long parentSlot(long p, long n) {
        long d = idom.get(p);
        return d == 1 ? n : vertex.get(d);
    }

    /**
     * Retained size of every reachable object: its shallow size plus that of everything it
     * dominates. Index the result by object number; unreachable objects get 0.
     */
    public NodeArray retainedSizes(LongUnaryOperator shallowSize) {
        return retainedSizes(shallowSize, NodeArray.Factory.DEFAULT);
    }

    /** As {@link #retainedSizes(LongUnaryOperator)}, with its arrays made by {@code arrays}. */
    public NodeArray retainedSizes(LongUnaryOperator shallowSize, NodeArray.Factory arrays) {
        long n = preorder.size();
        long k = reachable + 1;
        // No retained size exceeds the sum of all shallow sizes: under 2 GiB (most heaps), the
        // arrays hold ints, half the memory, and stay in the heap where longs would spill to files.
        long total = 0;
        for (long v = 0; v < n; v++) {
            total += shallowSize.applyAsLong(v);
        }
        NodeArray byPreorder = arrays.create(k + 1, total);
        // Children come after their dominators in preorder: one backward sweep adds each into its dominator.
        for (long p = k; p >= 2; p--) {
            long size = byPreorder.get(p) + shallowSize.applyAsLong(vertex.get(p));
            byPreorder.set(p, size);
            long d = idom.get(p);
            byPreorder.set(d, byPreorder.get(d) + size);
        }
        NodeArray byObject = arrays.create(n, total);
        for (long p = 2; p <= k; p++) {
            byObject.set(vertex.get(p), byPreorder.get(p));
        }
        arrays.release(byPreorder);
        return byObject;
    }
}
