package dev.heaptrail.analysis.dominators;

import java.util.ArrayList;
import java.util.List;

/** A small graph held in lists, for tests: built edge by edge, served as CSR. */
final class ArrayGraph implements ReferenceGraph {

    final int n;
    final List<List<Integer>> out = new ArrayList<>();
    final List<Integer> roots = new ArrayList<>();

    ArrayGraph(int n) {
        this.n = n;
        for (int i = 0; i < n; i++) {
            out.add(new ArrayList<>());
        }
    }

    ArrayGraph edge(int from, int to) {
        out.get(from).add(to);
        return this;
    }

    ArrayGraph root(int r) {
        roots.add(r);
        return this;
    }

    @Override
    public long nodeCount() {
        return n;
    }

    @Override
    public Csr successors() {
        return csr(out);
    }

    @Override
    public Csr predecessors() {
        List<List<Integer>> in = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            in.add(new ArrayList<>());
        }
        for (int v = 0; v < n; v++) {
            for (int t : out.get(v)) {
                in.get(t).add(v);
            }
        }
        return csr(in);
    }

    @Override
    public long rootCount() {
        return roots.size();
    }

    @Override
    public long root(long i) {
        return roots.get((int) i);
    }

    private static Csr csr(List<List<Integer>> lists) {
        int[] start = new int[lists.size() + 1];
        List<Integer> targets = new ArrayList<>();
        for (int v = 0; v < lists.size(); v++) {
            start[v] = targets.size();
            targets.addAll(lists.get(v));
        }
        start[lists.size()] = targets.size();
        return new Csr() {
            @Override
            public long start(long node) {
                return start[(int) node];
            }

            @Override
            public long end(long node) {
                return start[(int) node + 1];
            }

            @Override
            public long target(long edge) {
                return targets.get((int) edge);
            }

            @Override
            public long edgeCount() {
                return targets.size();
            }
        };
    }

    /** Nodes reachable from the roots without passing through {@code removed} (-1: none removed). */
    boolean[] reachableWithout(int removed) {
        boolean[] seen = new boolean[n];
        java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
        for (int r : roots) {
            if (r != removed && !seen[r]) {
                seen[r] = true;
                queue.add(r);
            }
        }
        while (!queue.isEmpty()) {
            int v = queue.poll();
            for (int t : out.get(v)) {
                if (t != removed && !seen[t]) {
                    seen[t] = true;
                    queue.add(t);
                }
            }
        }
        return seen;
    }
}
