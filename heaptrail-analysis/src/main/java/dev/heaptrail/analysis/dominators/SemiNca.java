package dev.heaptrail.analysis.dominators;

import dev.heaptrail.heap.store.NodeArray;

/**
 * The semi-NCA dominator algorithm (Georgiadis and Tarjan; "Finding Dominators in Practice",
 * Georgiadis, Werneck, Tarjan et al. 2006): depth-first numbering, semidominators by
 * Lengauer–Tarjan's path-compressed forest, then each immediate dominator as the nearest common
 * ancestor of its parent and semidominator. All of it iterative on {@link NodeArray}s: a
 * ten-million-long linked list is just a long loop.
 */
final class SemiNca {

    private final ReferenceGraph graph;
    private final NodeArray.Factory arrays;
    private final long n;
    /** object → preorder number (0: not reached). */
    private final NodeArray preorder;
    /** preorder number → object; entry 1 is the virtual root. */
    private final NodeArray vertex;
    private final NodeArray parent;
    private final NodeArray semi;
    private NodeArray label;
    private NodeArray ancestor;
    private final long[] rootBits;
    private long count;

    private SemiNca(ReferenceGraph graph, NodeArray.Factory arrays) {
        this.graph = graph;
        this.arrays = arrays;
        this.n = graph.nodeCount();
        long max = n + 1;
        preorder = arrays.create(n, max);
        vertex = arrays.create(n + 2, max);
        parent = arrays.create(n + 2, max);
        semi = arrays.create(n + 2, max);
        rootBits = new long[(int) ((n + 63) >>> 6)];
    }

    static DominatorTree compute(ReferenceGraph graph, NodeArray.Factory arrays) {
        SemiNca s = new SemiNca(graph, arrays);
        s.depthFirst();
        s.semidominators();
        NodeArray idom = s.nearestCommonAncestors();
        return new DominatorTree(s.preorder, s.vertex, idom, s.count - 1);
    }

    private boolean isRoot(long object) {
        return (rootBits[(int) (object >>> 6)] & (1L << object)) != 0;
    }

    /** Numbers the reachable objects in preorder from the virtual root (1), with an explicit stack. */
    private void depthFirst() {
        Csr out = graph.successors();
        for (long i = 0; i < graph.rootCount(); i++) {
            long r = graph.root(i);
            rootBits[(int) (r >>> 6)] |= 1L << r;
        }
        NodeArray stackNode = arrays.create(n + 2, n + 1);
        NodeArray stackCursor = arrays.create(n + 2, Math.max(out.edgeCount(), graph.rootCount()) + 1);
        count = 1;
        vertex.set(1, 0); // the virtual root: no object of its own
        long depth = 0;
        stackNode.set(0, 1);
        stackCursor.set(0, 0);
        while (depth >= 0) {
            long p = stackNode.get(depth);
            long cursor = stackCursor.get(depth);
            long next = -1;
            if (p == 1) {
                while (cursor < graph.rootCount() && next < 0) {
                    long r = graph.root(cursor++);
                    if (preorder.get(r) == 0) {
                        next = r;
                    }
                }
            } else {
                long end = out.end(vertex.get(p));
                while (cursor < end && next < 0) {
                    long t = out.target(cursor++);
                    if (preorder.get(t) == 0) {
                        next = t;
                    }
                }
            }
            stackCursor.set(depth, cursor);
            if (next < 0) {
                depth--;
                continue;
            }
            long q = ++count;
            preorder.set(next, q);
            vertex.set(q, next);
            parent.set(q, p);
            depth++;
            stackNode.set(depth, q);
            stackCursor.set(depth, out.start(next));
        }
    }

    /** Semidominators, in reverse preorder, through a path-compressed forest. */
    private void semidominators() {
        Csr in = graph.predecessors();
        label = arrays.create(count + 1, count);
        ancestor = arrays.create(count + 1, count);
        NodeArray path = arrays.create(count + 1, count);
        for (long p = 1; p <= count; p++) {
            semi.set(p, p);
            label.set(p, p);
        }
        for (long w = count; w >= 2; w--) {
            long object = vertex.get(w);
            long s = semi.get(w);
            long start = in.start(object);
            long end = in.end(object);
            if (isRoot(object)) {
                s = 1; // the virtual root references every GC root
            } else if (end - start == 1) {
                // One referrer, so it is the parent in the search: most heap objects, and no eval needed.
                long p = parent.get(w);
                semi.set(w, p);
                ancestor.set(w, p);
                continue;
            }
            for (long e = start; e < end; e++) {
                long v = preorder.get(in.target(e));
                if (v != 0) {
                    long u = eval(v, path);
                    s = Math.min(s, semi.get(u));
                }
            }
            semi.set(w, s);
            ancestor.set(w, parent.get(w));
        }
        label = null; // free before the last phase: these are as large as the heap's object count
        ancestor = null;
    }

    /** The node of least semidominator on v's forest path, compressing the path as it goes (no recursion). */
    private long eval(long v, NodeArray path) {
        if (ancestor.get(v) == 0) {
            return v;
        }
        long top = 0;
        long x = v;
        while (ancestor.get(ancestor.get(x)) != 0) {
            path.set(top++, x);
            x = ancestor.get(x);
        }
        // Deepest first, as the recursive compress would unwind.
        while (top > 0) {
            long y = path.get(--top);
            long a = ancestor.get(y);
            if (semi.get(label.get(a)) < semi.get(label.get(y))) {
                label.set(y, label.get(a));
            }
            ancestor.set(y, ancestor.get(a));
        }
        return label.get(v);
    }

    /** Each immediate dominator: the nearest ancestor of the parent at or above the semidominator. */
    private NodeArray nearestCommonAncestors() {
        NodeArray idom = parent; // reused in place: parent[w] is read only before idom[w] is written
        idom.set(1, 0);
        for (long w = 2; w <= count; w++) {
            long d = idom.get(w);
            long s = semi.get(w);
            while (d > s) {
                d = idom.get(d);
            }
            idom.set(w, d);
        }
        return idom;
    }
}
