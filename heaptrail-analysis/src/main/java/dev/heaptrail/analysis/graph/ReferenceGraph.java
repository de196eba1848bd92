package dev.heaptrail.analysis.graph;

import java.util.List;

/**
 * Who holds some objects, as a picture: the objects on the shortest strong paths from GC roots to
 * them, and their referrers a few levels back; a collection's internals (its table, nodes, entries)
 * folded into one "[entry]" edge from the collection to what it holds.
 *
 * @param nodes             at most the limit it was built with; the targets and their paths first
 * @param edges             strong references between the nodes
 * @param omittedReferrers  referrers left out to keep the picture readable (fan-in or node limit)
 */
public record ReferenceGraph(List<Node> nodes, List<Edge> edges, long omittedReferrers) {

    public ReferenceGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /**
     * One object.
     *
     * @param id            its index in {@link #nodes}
     * @param address       its id in the dump
     * @param rootKind      the kind of GC root that holds it ("sticky class", "java frame"), else null
     * @param target        one of the objects the picture is about
     * @param moreReferrers how many of its referrers are not drawn
     */
    public record Node(int id, long address, String className, long shallowBytes, long retainedBytes, String rootKind,
                       boolean target, long moreReferrers) {}

    /**
     * A reference.
     *
     * @param label          how {@code from} holds {@code to}: ".field", ".FIELD (static)", "[3]", or
     *                       "[entry]" (with ".value" or ".key" when the entry says which) through a
     *                       collection's internals
     * @param shortestPath   the edge is on a shortest path from a GC root to a target
     */
    public record Edge(int from, int to, String label, boolean shortestPath) {}
}
