package dev.heaptrail.analysis.dominators;

import dev.heaptrail.heap.internal.PhaseLog;
import dev.heaptrail.heap.store.NodeArray;

/**
 * The semi-NCA dominator algorithm (Georgiadis and Tarjan; "Finding Dominators in Practice",
 * Georgiadis, Werneck, Tarjan et al. 2006): depth-first numbering, semidominators by
 * Lengauer–Tarjan's path-compressed forest, then each immediate dominator as the nearest common
 * ancestor of its parent and semidominator. All of it iterative on {@link NodeArray}s: a
 * ten-million-long linked list is just a long loop.
 */
final class SemiNca {

    private static final int ANCESTOR = 0;
    private static final int LEAST_SEMI = 1;

    private final ReferenceGraph graph;
    private final NodeArray.Factory arrays;
    private final long n;
    /** object → preorder number (0: not reached). */
    private final NodeArray preorder;
    /** preorder number → object; entry 1 is the virtual root. */
    private final NodeArray vertex;
    private final NodeArray parent;
    private final NodeArray semi;
    /**
     * Per node p: its ancestor in the forest at 2p, at 2p + 1 the least semidominator on its
     * compressed path so far (Lengauer–Tarjan's semi[label[p]]: only that value is ever used, so
     * the label itself is not kept).
     */
    private NodeArray forest;
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
        PhaseLog.mark("dominator tree: depth-first search");
        s.semidominators(); // includes waiting for the incoming rows of a new index
        PhaseLog.mark("dominator tree: semidominators");
        NodeArray idom = s.nearestCommonAncestors();
        return new DominatorTree(s.preorder, s.vertex, idom, s.count - 1);
    }

    private boolean isRoot(long object) {
        return (rootBits[(int) (object >>> 6)] & (1L << object)) != 0;
    }

    /**
     * Numbers the reachable objects in preorder from the virtual root (1), with an explicit stack.
     * Whether a target was seen is asked once per reference: a bit set (an eighth of a byte an
     * object, so it stays in the cache) answers it, not the preorder array.
     */
    private void depthFirst() {
        long[] seen = new long[(int) ((n + 63) >>> 6)];
        Csr out = graph.successors();
        long[] leaves = leaves(out);
        for (long i = 0; i < graph.rootCount(); i++) {
            long r = graph.root(i);
            rootBits[(int) (r >>> 6)] |= 1L << r;
        }
        DeepStack stackNode = new DeepStack(arrays, n + 1);
        long maxCursor = Math.max(out.edgeCount(), graph.rootCount()) + 1;
        DeepStack stackCursor = new DeepStack(arrays, maxCursor);
        // Each level's row end: a node is returned to once per child, and its row is then not read again.
        DeepStack stackEnd = new DeepStack(arrays, maxCursor);
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
                    if ((seen[(int) (r >>> 6)] & (1L << r)) == 0) {
                        next = r;
                    }
                }
            } else {
                long end = stackEnd.get(depth);
                while (cursor < end && next < 0) {
                    long t = out.target(cursor++);
                    long bit = 1L << t;
                    int word = (int) (t >>> 6);
                    if ((seen[word] & bit) == 0) {
                        if ((leaves[word] & bit) == 0) {
                            next = t;
                        } else { // visited and left at once, as the search would: its row is never read
                            seen[word] |= bit;
                            long q = ++count;
                            preorder.set(t, q);
                            vertex.set(q, t);
                            parent.set(q, p);
                        }
                    }
                }
            }
            stackCursor.set(depth, cursor);
            if (next < 0) {
                depth--;
                continue;
            }
            long q = ++count;
            seen[(int) (next >>> 6)] |= 1L << next;
            preorder.set(next, q);
            vertex.set(q, next);
            parent.set(q, p);
            depth++;
            stackNode.set(depth, q);
            stackCursor.set(depth, out.start(next));
            stackEnd.set(depth, out.end(next));
        }
    }

    /**
     * A bit per object without references of its own (a primitive array, most often: a third of a
     * heap's objects), read in one sweep of the row starts so the search need not read their rows.
     */
    private long[] leaves(Csr out) {
        long[] bits = new long[(int) ((n + 63) >>> 6)];
        for (long v = 0; v < n; v++) {
            if (out.end(v) == out.start(v)) {
                bits[(int) (v >>> 6)] |= 1L << v;
            }
        }
        return bits;
    }

    /**
     * Semidominators, in reverse preorder, through a path-compressed forest. The forest keeps each
     * node's ancestor and least semidominator side by side ({@link #forest}): a compression step
     * touches two nodes, one cache line each, where separate arrays cost six.
     */
    private void semidominators() {
        Csr in = graph.predecessors();
        long[] searched = needSearch(in);
        forest = arrays.create(2 * (count + 1), count);
        DeepStack path = new DeepStack(arrays, count);
        // No pass to set each node's semidominator and least semidominator to itself first: a node's
        // own are written when it is reached below, and only nodes already reached are ever read
        // (eval walks the forest, which holds only those; a node's ancestor there is 0 until then).
        for (long w = count; w >= 2; w--) {
            long object = vertex.get(w);
            if ((searched[(int) (object >>> 6)] & (1L << object)) == 0) {
                // One referrer, so it is the parent in the search: most heap objects, and no eval needed.
                long p = parent.get(w);
                semi.set(w, p);
                forest.set(2 * w + LEAST_SEMI, p);
                forest.set(2 * w + ANCESTOR, p);
                continue;
            }
            long s = w;
            long start = in.start(object);
            long end = in.end(object);
            if (isRoot(object)) {
                // The virtual root references every GC root, and 1 is the least there is: the
                // referrers need no search. (A class is a root with an instance per referrer.)
                s = 1;
                end = start;
            }
            // s == 1 ends the scan: no semidominator is less than the virtual root, and a path
            // through a GC root (semidominator 1) is common. A third fewer evals on a session cache
            // whose constants each have hundreds of thousands of referrers.
            for (long e = start; e < end && s > 1; e++) {
                long v = preorder.get(in.target(e));
                if (v != 0) {
                    // A referrer before w in preorder is not in the forest yet: eval would return v
                    // itself; so would w itself (a reference to itself), whose entries are not written yet.
                    s = Math.min(s, v <= w ? v : eval(v, path));
                }
            }
            semi.set(w, s);
            forest.set(2 * w + LEAST_SEMI, s); // its own, until a compression finds a smaller one above it
            forest.set(2 * w + ANCESTOR, parent.get(w));
        }
        arrays.release(forest); // free before the last phase: twice as large as the heap's object count
        forest = null;
    }

    /**
     * A bit per object: set for GC roots and objects with other than one referrer, the ones whose
     * semidominator needs a search. Read in one sequential sweep of the row starts, so the loop
     * over the search order (a random order of objects) touches the rows only for those few.
     */
    private long[] needSearch(Csr in) {
        long[] bits = rootBits.clone();
        for (long v = 0; v < n; v++) {
            if (in.end(v) - in.start(v) != 1) {
                bits[(int) (v >>> 6)] |= 1L << v;
            }
        }
        return bits;
    }

    /**
     * The least semidominator on v's forest path (the semidominator of the node Lengauer–Tarjan's
     * eval returns), compressing the path as it goes (no recursion).
     */
    private long eval(long v, DeepStack path) {
        if (forest.get(2 * v + ANCESTOR) == 0) {
            return forest.get(2 * v + LEAST_SEMI);
        }
        long top = 0;
        long x = v;
        while (forest.get(2 * forest.get(2 * x + ANCESTOR) + ANCESTOR) != 0) {
            path.set(top++, x);
            x = forest.get(2 * x + ANCESTOR);
        }
        // Deepest first, as the recursive compress would unwind.
        while (top > 0) {
            long y = path.get(--top);
            long a = forest.get(2 * y + ANCESTOR);
            long aSemi = forest.get(2 * a + LEAST_SEMI);
            if (aSemi < forest.get(2 * y + LEAST_SEMI)) {
                forest.set(2 * y + LEAST_SEMI, aSemi);
            }
            forest.set(2 * y + ANCESTOR, forest.get(2 * a + ANCESTOR));
        }
        return forest.get(2 * v + LEAST_SEMI);
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
        arrays.release(semi);
        return idom;
    }
}
