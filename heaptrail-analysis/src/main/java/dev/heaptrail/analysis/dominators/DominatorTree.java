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
        // Rows by preorder number, looked up through it: a node's dominator is most often a little
        // before it in preorder, so counting and filling walk the arrays nearly in order, where rows
        // by object number made a random write per object.
        long n = preorder.size();
        long k = reachable + 1;
        NodeArray start = arrays.create(k + 2, k);
        for (long p = 2; p <= k; p++) {
            long d = idom.get(p);
            start.set(d + 1, start.get(d + 1) + 1);
        }
        for (long i = 1; i <= k + 1; i++) {
            start.set(i, start.get(i) + start.get(i - 1));
        }
        NodeArray cursor = arrays.create(k + 1, k);
        for (long i = 0; i <= k; i++) {
            cursor.set(i, start.get(i));
        }
        NodeArray list = arrays.create(Math.max(1, k - 1), n);
        for (long p = 2; p <= k; p++) {
            long d = idom.get(p);
            long at = cursor.get(d);
            list.set(at, vertex.get(p));
            cursor.set(d, at + 1);
        }
        arrays.release(cursor);
        long edges = k - 1;
        return new Csr() {
            /** The row of an object (n: the virtual root, 1 in preorder; unreachable ones: row 0, empty). */
            private long row(long node) {
                return node == n ? 1 : preorder.get(node);
            }

            @Override
            public long start(long node) {
                return start.get(row(node));
            }

            @Override
            public long end(long node) {
                return start.get(row(node) + 1);
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
        // Read through the preorder numbers, not copied into an array by object: the copy was a
        // random write per object (8.6 s of a 48-million-object analysis with its arrays in mapped
        // files), a question costs one read more, and far fewer are asked than there are objects.
        return new ByObject(preorder, byPreorder);
    }

    /** Retained sizes by object number, kept by preorder number (0 for unreachable objects, whose number is 0). */
    private record ByObject(NodeArray preorder, NodeArray byPreorder) implements NodeArray {

        @Override
        public long size() {
            return preorder.size();
        }

        @Override
        public long get(long object) {
            return byPreorder.get(preorder.get(object));
        }

        @Override
        public void set(long index, long value) {
            throw new UnsupportedOperationException("retained sizes are read-only");
        }
    }
}
