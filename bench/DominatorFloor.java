import dev.heaptrail.analysis.dominators.Csr;
import dev.heaptrail.analysis.dominators.DominatorTree;
import dev.heaptrail.analysis.dominators.ReferenceGraph;
import dev.heaptrail.heap.index.HeapIndex;
import dev.heaptrail.heap.index.IndexStore;
import dev.heaptrail.heap.store.MappedNodeArray;
import dev.heaptrail.heap.store.NodeArray;
import dev.heaptrail.hprof.ReadProgress;

import java.nio.file.Path;

/**
 * The floor of the dominator tree on this machine, for issue 17's "measure against the floor":
 * the graph of a saved index copied into plain int arrays in the heap, then only a depth-first
 * numbering and semi-NCA (Georgiadis, Werneck, Tarjan et al.: the fastest sequential algorithm in
 * practice), timed apart from the copy; no index, no suspects, no chunks. Modes (one a process, so
 * every call site sees one array class):
 * <ul>
 *   <li>{@code floor} (default): the six working arrays plain {@code int[]} in the heap;</li>
 *   <li>{@code mapped DIR}: the same six in memory-mapped files under DIR, as with {@code -Xmx256m};</li>
 *   <li>{@code heaptrail}: heaptrail's own {@code DominatorTree.of} on the same int rows;</li>
 *   <li>{@code shape}: the share of objects without references, with one referrer, with both.</li>
 * </ul>
 * Usage (the index built beforehand, e.g. by {@code analyze --index-dir DIR}):
 *   java -Xmx6g -cp heaptrail.jar:target/bench/classes DominatorFloor DUMP INDEX_DIR ROUNDS [floor|mapped DIR|heaptrail]
 */
public class DominatorFloor {

    public static void main(String[] args) throws Exception {
        HeapIndex index = IndexStore.of(Path.of(args[0]), new IndexStore.Options(Path.of(args[1]), IndexStore.Placement.FILES))
                .openOrBuild(ReadProgress.NONE, new IndexStore.Listener() {});
        int rounds = Integer.parseInt(args[2]);
        String mode = args.length > 3 ? args[3] : "floor";
        Graph g = Graph.of(index);
        System.out.printf("objects=%d references=%d roots=%d mode=%s%n", g.n, g.outTargets.length, g.roots.length, mode);
        if (mode.equals("shape")) { // how much a reduction of the graph could leave out
            long leaves = 0, single = 0, singleLeaves = 0;
            for (int v = 0; v < g.n; v++) {
                boolean leaf = g.outStart[v + 1] == g.outStart[v];
                boolean one = g.inStart[v + 1] - g.inStart[v] == 1;
                leaves += leaf ? 1 : 0;
                single += one ? 1 : 0;
                singleLeaves += leaf && one ? 1 : 0;
            }
            System.out.printf("no references: %.1f %%, one referrer: %.1f %%, both: %.1f %%%n",
                    100.0 * leaves / g.n, 100.0 * single / g.n, 100.0 * singleLeaves / g.n);
            return;
        }
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            if (mode.equals("heaptrail")) {
                DominatorTree tree = DominatorTree.of(g);
                System.out.printf("heaptrail: reached=%d  total %.3f s%n", tree.reachableCount(), (System.nanoTime() - t0) / 1e9);
                continue;
            }
            NodeArray.Factory arrays = mode.equals("mapped") ? MappedNodeArray.in(Path.of(args[4])) : (size, max) -> new Ints(size);
            new SemiNca(g, arrays).run(t0);
        }
    }

    /** The index's rows and roots as int arrays. */
    static final class Graph implements ReferenceGraph {
        final int n;
        final int[] outStart, outTargets, inStart, inSources, roots;

        Graph(int n, int[] outStart, int[] outTargets, int[] inStart, int[] inSources, int[] roots) {
            this.n = n;
            this.outStart = outStart;
            this.outTargets = outTargets;
            this.inStart = inStart;
            this.inSources = inSources;
            this.roots = roots;
        }

        static Graph of(HeapIndex index) {
            int n = Math.toIntExact(index.objectCount());
            int[] outStart = new int[n + 1];
            int[] outTargets = new int[Math.toIntExact(index.referenceCount())];
            for (int v = 0; v < n; v++) {
                outStart[v] = (int) index.outgoingStart(v);
            }
            outStart[n] = outTargets.length;
            for (int e = 0; e < outTargets.length; e++) {
                outTargets[e] = (int) index.outgoingTarget(e);
            }
            index.awaitIncoming();
            int[] inStart = new int[n + 1];
            for (int v = 0; v < n; v++) {
                inStart[v] = (int) index.incomingStart(v);
            }
            inStart[n] = (int) index.incomingEnd(n - 1);
            int[] inSources = new int[inStart[n]];
            for (int e = 0; e < inSources.length; e++) {
                inSources[e] = (int) index.incomingSource(e);
            }
            int[] roots = index.gcRoots().stream().mapToInt(r -> (int) r.object()).toArray();
            return new Graph(n, outStart, outTargets, inStart, inSources, roots);
        }

        @Override
        public long nodeCount() {
            return n;
        }

        @Override
        public Csr successors() {
            return new Rows(outStart, outTargets);
        }

        @Override
        public Csr predecessors() {
            return new Rows(inStart, inSources);
        }

        @Override
        public long rootCount() {
            return roots.length;
        }

        @Override
        public long root(long i) {
            return roots[(int) i];
        }
    }

    record Rows(int[] start, int[] targets) implements Csr {
        public long start(long node) {
            return start[(int) node];
        }

        public long end(long node) {
            return start[(int) node + 1];
        }

        public long target(long edge) {
            return targets[(int) edge];
        }

        public long edgeCount() {
            return targets.length;
        }
    }

    /** One int[]: behind the interface but the only class a process sees, so every call is inlined. */
    static final class Ints implements NodeArray {
        final int[] a;

        Ints(long n) {
            a = new int[Math.toIntExact(n)];
        }

        public long size() {
            return a.length;
        }

        public long get(long i) {
            return a[(int) i];
        }

        public void set(long i, long v) {
            a[(int) i] = (int) v;
        }
    }

    /** Semi-NCA, the textbook way: separate ancestor and label arrays, explicit stacks. */
    static final class SemiNca {
        final Graph g;
        final NodeArray preorder, vertex, parent, semi, ancestor, best;
        int count;

        SemiNca(Graph g, NodeArray.Factory arrays) {
            this.g = g;
            int n = g.n;
            preorder = arrays.create(n, n);
            vertex = arrays.create(n + 2, n);
            parent = arrays.create(n + 2, n);
            semi = arrays.create(n + 2, n);
            ancestor = arrays.create(n + 2, n);
            best = arrays.create(n + 2, n);
        }

        /** Times the phases from {@code t0}, which includes making the arrays (their first touch is part of the cost). */
        void run(long t0) {
            depthFirst();
            long t1 = System.nanoTime();
            semidominators();
            long t2 = System.nanoTime();
            long sum = nearestCommonAncestors();
            long t3 = System.nanoTime();
            System.out.printf("reached=%d  dfs %.3f s  semi %.3f s  nca %.3f s  total %.3f s (check %d)%n", count - 1,
                    (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t3 - t0) / 1e9, sum);
        }

        /** Preorder from the virtual root (1); the two stacks double as the search goes deeper. */
        void depthFirst() {
            int[] stackNode = new int[1024];
            int[] stackCursor = new int[1024];
            count = 1;
            int depth = 0;
            stackNode[0] = 1;
            while (depth >= 0) {
                int p = stackNode[depth];
                int cursor = stackCursor[depth];
                int next = -1;
                if (p == 1) {
                    while (cursor < g.roots.length && next < 0) {
                        int r = g.roots[cursor++];
                        if (preorder.get(r) == 0) {
                            next = r;
                        }
                    }
                } else {
                    int end = g.outStart[(int) vertex.get(p) + 1];
                    while (cursor < end && next < 0) {
                        int t = g.outTargets[cursor++];
                        if (preorder.get(t) == 0) {
                            next = t;
                        }
                    }
                }
                stackCursor[depth] = cursor;
                if (next < 0) {
                    depth--;
                    continue;
                }
                int q = ++count;
                preorder.set(next, q);
                vertex.set(q, next);
                parent.set(q, p);
                if (++depth == stackNode.length) {
                    stackNode = java.util.Arrays.copyOf(stackNode, 2 * depth);
                    stackCursor = java.util.Arrays.copyOf(stackCursor, 2 * depth);
                }
                stackNode[depth] = q;
                stackCursor[depth] = g.outStart[next];
            }
        }

        void semidominators() {
            boolean[] root = new boolean[g.n];
            for (int r : g.roots) {
                root[r] = true;
            }
            int[] path = new int[count + 1];
            for (int w = count; w >= 2; w--) {
                int object = (int) vertex.get(w);
                int s = w;
                if (root[object]) {
                    s = 1;
                } else {
                    for (int e = g.inStart[object], end = g.inStart[object + 1]; e < end && s > 1; e++) {
                        int v = (int) preorder.get(g.inSources[e]);
                        if (v != 0) {
                            s = Math.min(s, v <= w ? v : eval(v, path));
                        }
                    }
                }
                semi.set(w, s);
                best.set(w, s);
                ancestor.set(w, parent.get(w));
            }
        }

        int eval(int v, int[] path) {
            if (ancestor.get(v) == 0) {
                return (int) best.get(v);
            }
            int top = 0;
            int x = v;
            while (ancestor.get(ancestor.get(x)) != 0) {
                path[top++] = x;
                x = (int) ancestor.get(x);
            }
            while (top > 0) {
                int y = path[--top];
                long a = ancestor.get(y);
                if (best.get(a) < best.get(y)) {
                    best.set(y, best.get(a));
                }
                ancestor.set(y, ancestor.get(a));
            }
            return (int) best.get(v);
        }

        long nearestCommonAncestors() {
            NodeArray idom = parent;
            idom.set(1, 0);
            long sum = 0;
            for (int w = 2; w <= count; w++) {
                long d = idom.get(w);
                long s = semi.get(w);
                while (d > s) {
                    d = idom.get(d);
                }
                idom.set(w, d);
                sum += d;
            }
            return sum;
        }
    }
}
