import dev.heaptrail.heap.index.HeapIndex;
import dev.heaptrail.heap.index.IndexStore;
import dev.heaptrail.hprof.ReadProgress;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Issue 17's next lever, measured before it is built: the dominator tree computed on a folded
 * graph. An object with exactly one referrer (and not a GC root) is immediately dominated by that
 * referrer, with no search. Only the "heads" (GC roots, objects with several referrers) need one,
 * and only on a small graph G*: the heads, the objects that reference a head ("exits"), and the
 * branch points of the one-referrer trees between them (so that the nearest common ancestor of two
 * exits, which can be a head's immediate dominator, is kept). Each non-head of G* is linked from its
 * nearest G* ancestor; references into GC roots are left out (a root is reached from the virtual
 * root anyway). Dominance among G*'s nodes is the same as in the whole graph, and a head's immediate
 * dominator is always in G*.
 *
 * <p>Checked here against the plain semi-NCA of {@code DominatorFloor} on every object: the same
 * immediate dominator, the same reachable set. Timed from scratch, plain arrays in the heap.
 *
 * Usage: java -Xmx8g -XX:+UseTransparentHugePages -cp heaptrail.jar:target/bench/classes FoldedDominators DUMP INDEX_DIR ROUNDS
 */
public class FoldedDominators {

    static final int VIRTUAL_ROOT = -1;
    static final int UNREACHABLE = -2;

    public static void main(String[] args) throws Exception {
        HeapIndex index = IndexStore.of(Path.of(args[0]), new IndexStore.Options(Path.of(args[1]), IndexStore.Placement.FILES))
                .openOrBuild(ReadProgress.NONE, new IndexStore.Listener() {});
        int rounds = Integer.parseInt(args[2]);
        DominatorFloor.Graph g = DominatorFloor.Graph.of(index);
        System.out.printf("objects=%d references=%d roots=%d%n", g.n, g.outTargets.length, g.roots.length);
        int[] expected = null;
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            DominatorFloor.SemiNca full = new DominatorFloor.SemiNca(g, (size, max) -> new DominatorFloor.Ints(size));
            full.run(t0);
            if (expected == null) {
                expected = byObject(g.n, full);
            }
            t0 = System.nanoTime();
            int[] folded = new Fold(g).run(t0);
            int wrong = 0;
            for (int v = 0; v < g.n; v++) {
                if (folded[v] != expected[v]) {
                    if (wrong++ < 5) {
                        System.out.printf("  object %d: folded %d, full %d%n", v, folded[v], expected[v]);
                    }
                }
            }
            System.out.printf("folded differs from full on %d objects%n", wrong);
        }
    }

    /** Each object's immediate dominator as an object number, from the full search's preorder arrays. */
    static int[] byObject(int n, DominatorFloor.SemiNca s) {
        int[] idom = new int[n];
        for (int v = 0; v < n; v++) {
            int p = (int) s.preorder.get(v);
            if (p == 0) {
                idom[v] = UNREACHABLE;
            } else {
                int d = (int) s.parent.get(p); // idom, after nearestCommonAncestors
                idom[v] = d == 1 ? VIRTUAL_ROOT : (int) s.vertex.get(d);
            }
        }
        return idom;
    }

    static final class Fold {
        final DominatorFloor.Graph g;
        final int n;
        final long[] root, head, star;

        Fold(DominatorFloor.Graph g) {
            this.g = g;
            this.n = g.n;
            root = bits(n);
            head = bits(n);
            star = bits(n);
        }

        static long[] bits(int n) {
            return new long[(n + 63) >>> 6];
        }

        static boolean has(long[] b, int v) {
            return (b[v >>> 6] & (1L << v)) != 0;
        }

        static void set(long[] b, int v) {
            b[v >>> 6] |= 1L << v;
        }

        int parentOf(int v) {
            return g.inSources[g.inStart[v]];
        }

        boolean intoHead(int from, int t) {
            return t != from && has(head, t) && !has(root, t);
        }

        int[] run(long t0) {
            for (int r : g.roots) {
                set(root, r);
                set(head, r);
            }
            for (int v = 0; v < n; v++) {
                int s = g.inStart[v];
                if (g.inStart[v + 1] - s != 1 || g.inSources[s] == v) {
                    set(head, v);
                }
            }
            long t1 = System.nanoTime();
            // exits: objects referencing a head (other than a root or themselves)
            long[] exit = bits(n);
            for (int v = 0; v < n; v++) {
                for (int e = g.outStart[v], end = g.outStart[v + 1]; e < end; e++) {
                    if (intoHead(v, g.outTargets[e])) {
                        set(exit, v);
                        break;
                    }
                }
            }
            long t2 = System.nanoTime();
            // the one-referrer trees above the exits: marked once; a node with two marked children is a branch point
            long[] marked = bits(n), once = bits(n), twice = bits(n);
            for (int w = 0; w < exit.length; w++) {
                for (long word = exit[w] & ~head[w]; word != 0; word &= word - 1) {
                    int y = (w << 6) + Long.numberOfTrailingZeros(word);
                    while (!has(head, y) && !has(marked, y)) {
                        set(marked, y);
                        int p = parentOf(y);
                        if (has(once, p)) {
                            set(twice, p);
                        } else {
                            set(once, p);
                        }
                        y = p;
                    }
                }
            }
            for (int w = 0; w < star.length; w++) {
                star[w] = head[w] | exit[w] | (twice[w] & marked[w]);
            }
            long t3 = System.nanoTime();
            // G*'s numbers: a rank over the star bits
            int[] rankBase = new int[star.length + 1];
            for (int w = 0; w < star.length; w++) {
                rankBase[w + 1] = rankBase[w] + Long.bitCount(star[w]);
            }
            int m = rankBase[star.length];
            int[] objectOf = new int[m];
            int[] outCount = new int[m + 1];
            // edges, twice: count, then fill
            int edges = 0;
            for (int pass = 0; pass < 2; pass++) {
                int[] srcs = pass == 0 ? null : new int[edges];
                int[] dsts = pass == 0 ? null : new int[edges];
                int k = 0;
                for (int w = 0; w < star.length; w++) {
                    for (long word = star[w]; word != 0; word &= word - 1) {
                        int x = (w << 6) + Long.numberOfTrailingZeros(word);
                        int xs = rankBase[w] + Long.bitCount(star[w] & ((1L << x) - 1));
                        if (pass == 0) {
                            objectOf[xs] = x;
                        }
                        if (!has(head, x)) {
                            int y = parentOf(x);
                            while (!has(star, y)) {
                                y = parentOf(y);
                            }
                            if (pass == 1) {
                                srcs[k] = rank(rankBase, y);
                                dsts[k] = xs;
                            }
                            k++;
                        }
                        if (has(exit, x)) {
                            for (int e = g.outStart[x], end = g.outStart[x + 1]; e < end; e++) {
                                int t = g.outTargets[e];
                                if (intoHead(x, t)) {
                                    if (pass == 1) {
                                        srcs[k] = xs;
                                        dsts[k] = rank(rankBase, t);
                                    }
                                    k++;
                                }
                            }
                        }
                    }
                }
                edges = k;
                if (pass == 1) {
                    int[] roots = Arrays.stream(g.roots).map(r -> rank(rankBase, r)).toArray();
                    int[][] out = rows(m, srcs, dsts);
                    int[][] in = rows(m, dsts, srcs);
                    DominatorFloor.Graph small = new DominatorFloor.Graph(m, out[0], out[1], in[0], in[1], roots);
                    long t4 = System.nanoTime();
                    DominatorFloor.SemiNca s = new DominatorFloor.SemiNca(small, (size, max) -> new DominatorFloor.Ints(size));
                    s.depthFirst();
                    s.semidominators();
                    s.nearestCommonAncestors();
                    long t5 = System.nanoTime();
                    int[] idom = finish(s, objectOf);
                    long t6 = System.nanoTime();
                    System.out.printf("folded: G* %d nodes (%.1f %%), %d edges; heads %.3f s  exits %.3f s  marks %.3f s"
                                    + "  G* %.3f s  its tree %.3f s  all objects %.3f s  total %.3f s%n",
                            m, 100.0 * m / n, edges, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9,
                            (t5 - t4) / 1e9, (t6 - t5) / 1e9, (t6 - t0) / 1e9);
                    return idom;
                }
            }
            throw new AssertionError();
        }

        int rank(int[] rankBase, int v) {
            int w = v >>> 6;
            return rankBase[w] + Long.bitCount(star[w] & ((1L << v) - 1));
        }

        /** Rows of the pairs (from[i], to[i]) by from: {start (m + 1), targets}. */
        static int[][] rows(int m, int[] from, int[] to) {
            int[] start = new int[m + 1];
            for (int f : from) {
                start[f + 1]++;
            }
            for (int i = 0; i < m; i++) {
                start[i + 1] += start[i];
            }
            int[] fill = Arrays.copyOf(start, m);
            int[] targets = new int[to.length];
            for (int i = 0; i < from.length; i++) {
                targets[fill[from[i]]++] = to[i];
            }
            return new int[][] {start, targets};
        }

        /** Heads from G*'s tree; every other object: its one referrer, if that is reachable. */
        int[] finish(DominatorFloor.SemiNca s, int[] objectOf) {
            int[] idom = new int[n];
            byte[] state = new byte[n]; // 0 unknown, 1 reachable, 2 unreachable, 3 on the walk
            for (int xs = 0; xs < objectOf.length; xs++) {
                int x = objectOf[xs];
                if (has(head, x)) {
                    int p = (int) s.preorder.get(xs);
                    if (p == 0) {
                        state[x] = 2;
                        idom[x] = UNREACHABLE;
                    } else {
                        int d = (int) s.parent.get(p);
                        idom[x] = d == 1 ? VIRTUAL_ROOT : objectOf[(int) s.vertex.get(d)];
                        state[x] = 1;
                    }
                }
            }
            int[] walk = new int[64];
            for (int v = 0; v < n; v++) {
                if (state[v] != 0) {
                    continue;
                }
                int top = 0;
                int y = v;
                while (state[y] == 0) { // not a head (heads are all known)
                    state[y] = 3;
                    if (top == walk.length) {
                        walk = Arrays.copyOf(walk, 2 * top);
                    }
                    walk[top++] = y;
                    y = parentOf(y);
                }
                byte end = state[y] == 1 ? (byte) 1 : 2; // 3: a ring of one-referrer objects, unreachable
                while (top > 0) {
                    int x = walk[--top];
                    state[x] = end;
                    idom[x] = end == 1 ? parentOf(x) : UNREACHABLE;
                }
            }
            return idom;
        }
    }
}
