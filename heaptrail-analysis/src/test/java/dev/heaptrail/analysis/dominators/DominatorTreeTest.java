package dev.heaptrail.analysis.dominators;

import dev.heaptrail.heap.store.NodeArray;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dominator tree against the definition, computed naively: d dominates v when removing d
 * makes v unreachable; the immediate dominator is the strict dominator all others dominate.
 * Retained sizes against the same definition: what becomes unreachable without the object.
 */
class DominatorTreeTest {

    @Test
    void matchesTheDefinitionOnRandomGraphs() {
        Random random = new Random(42);
        for (int trial = 0; trial < 3000; trial++) {
            int n = 1 + random.nextInt(trial < 2000 ? 12 : 60);
            ArrayGraph g = new ArrayGraph(n);
            int edges = random.nextInt(n * 3 + 1);
            for (int e = 0; e < edges; e++) {
                g.edge(random.nextInt(n), random.nextInt(n));
            }
            int roots = 1 + random.nextInt(Math.min(n, 4));
            for (int r = 0; r < roots; r++) {
                g.root(random.nextInt(n));
            }
            // every third trial with objects of a GiB: retained sizes past 2^31 must not be cut to ints
            assertAgreesWithDefinition(g, "trial " + trial, trial % 2 == 0 ? NodeArray.Factory.DEFAULT
                    : (size, max) -> new dev.heaptrail.heap.store.LongNodeArray(size), // the layout for > 2^31 objects
                    trial % 3 == 0 ? 1L << 30 : 8);
        }
    }

    @Test
    void handBuiltHeap() {
        // root 0 → 1 → {2, 3}; 2 → 4; 3 → 4; 4 → 5; root 6 → 5; 7 unreachable; 8 ← 1 only
        ArrayGraph g = new ArrayGraph(9).root(0).root(6)
                .edge(0, 1).edge(1, 2).edge(1, 3).edge(2, 4).edge(3, 4).edge(4, 5).edge(6, 5).edge(1, 8).edge(7, 1);
        DominatorTree tree = DominatorTree.of(g);
        assertThat(tree.immediateDominator(0)).isEqualTo(DominatorTree.VIRTUAL_ROOT);
        assertThat(tree.immediateDominator(1)).isEqualTo(0);
        assertThat(tree.immediateDominator(2)).isEqualTo(1);
        assertThat(tree.immediateDominator(4)).isEqualTo(1); // two ways in: through 2 or 3
        assertThat(tree.immediateDominator(5)).isEqualTo(DominatorTree.VIRTUAL_ROOT); // from two roots
        assertThat(tree.immediateDominator(7)).isEqualTo(DominatorTree.UNREACHABLE);
        assertThat(tree.reachableCount()).isEqualTo(8);
        NodeArray retained = tree.retainedSizes(v -> 10 * (v + 1));
        assertThat(retained.get(1)).isEqualTo(20 + 30 + 40 + 50 + 90);
        assertThat(retained.get(0)).isEqualTo(10 + 20 + 30 + 40 + 50 + 90);
        assertThat(retained.get(5)).isEqualTo(60);
        assertThat(retained.get(7)).isZero();
    }

    @Test
    void tenMillionLongChainNeedsNoRecursion() {
        long n = 10_000_000;
        Csr forward = chain(n, +1);
        Csr backward = chain(n, -1);
        ReferenceGraph list = new ReferenceGraph() {
            @Override
            public long nodeCount() {
                return n;
            }

            @Override
            public Csr successors() {
                return forward;
            }

            @Override
            public Csr predecessors() {
                return backward;
            }

            @Override
            public long rootCount() {
                return 1;
            }

            @Override
            public long root(long i) {
                return 0;
            }
        };
        DominatorTree tree = DominatorTree.of(list);
        assertThat(tree.reachableCount()).isEqualTo(n);
        assertThat(tree.immediateDominator(n - 1)).isEqualTo(n - 2);
        assertThat(tree.immediateDominator(1)).isEqualTo(0);
        NodeArray retained = tree.retainedSizes(v -> 16);
        assertThat(retained.get(0)).isEqualTo(16 * n);
        assertThat(retained.get(n / 2)).isEqualTo(16 * (n - n / 2));
    }

    /** Node i → i + step, as an implicit CSR: edge i is node i's only edge. */
    private static Csr chain(long n, int step) {
        return new Csr() {
            @Override
            public long start(long node) {
                return node;
            }

            @Override
            public long end(long node) {
                long to = node + step;
                return to >= 0 && to < n ? node + 1 : node;
            }

            @Override
            public long target(long edge) {
                return edge + step;
            }

            @Override
            public long edgeCount() {
                return n;
            }
        };
    }

    private static void assertAgreesWithDefinition(ArrayGraph g, String what, NodeArray.Factory arrays, long baseSize) {
        DominatorTree tree = DominatorTree.of(g, arrays);
        boolean[] reachable = g.reachableWithout(-1);
        boolean[][] dominatedBy = new boolean[g.n][]; // dominatedBy[d][v]: removing d cuts v off
        for (int d = 0; d < g.n; d++) {
            boolean[] without = g.reachableWithout(d);
            dominatedBy[d] = new boolean[g.n];
            for (int v = 0; v < g.n; v++) {
                dominatedBy[d][v] = reachable[v] && !without[v] && v != d;
            }
        }
        long[] shallow = new long[g.n];
        for (int v = 0; v < g.n; v++) {
            shallow[v] = baseSize + v;
        }
        NodeArray retained = tree.retainedSizes(v -> shallow[(int) v], arrays);
        long reachableCount = 0;
        for (int v = 0; v < g.n; v++) {
            if (!reachable[v]) {
                assertThat(tree.immediateDominator(v)).as(what + " node " + v).isEqualTo(DominatorTree.UNREACHABLE);
                assertThat(retained.get(v)).isZero();
                continue;
            }
            reachableCount++;
            long expected = DominatorTree.VIRTUAL_ROOT;
            for (int d = 0; d < g.n; d++) {
                if (dominatedBy[d][v]) {
                    boolean closest = true; // every other strict dominator of v dominates d
                    for (int o = 0; o < g.n; o++) {
                        if (o != d && dominatedBy[o][v] && !dominatedBy[o][d]) {
                            closest = false;
                        }
                    }
                    if (closest) {
                        expected = d;
                    }
                }
            }
            assertThat(tree.immediateDominator(v)).as(what + " idom of " + v).isEqualTo(expected);
            long freed = shallow[v];
            for (int o = 0; o < g.n; o++) {
                if (dominatedBy[v][o]) {
                    freed += shallow[o];
                }
            }
            assertThat(retained.get(v)).as(what + " retained " + v).isEqualTo(freed);
        }
        assertThat(tree.reachableCount()).isEqualTo(reachableCount);

        // the children rows hold exactly the nodes each node (row n: the virtual root) immediately dominates
        Csr children = tree.children(arrays);
        assertThat(children.edgeCount()).isEqualTo(reachableCount);
        for (int v = 0; v <= g.n; v++) {
            java.util.List<Long> row = new java.util.ArrayList<>();
            for (long e = children.start(v); e < children.end(v); e++) {
                row.add(children.target(e));
            }
            java.util.List<Long> expectedRow = new java.util.ArrayList<>();
            for (int o = 0; o < g.n; o++) {
                long d = tree.immediateDominator(o);
                if (d == v || v == g.n && d == DominatorTree.VIRTUAL_ROOT) {
                    expectedRow.add((long) o);
                }
            }
            assertThat(row).as(what + " children of " + (v == g.n ? "the virtual root" : v))
                    .containsExactlyInAnyOrderElementsOf(expectedRow);
        }
    }
}
