package dev.heaptrail.analysis.graph;

import dev.heaptrail.analysis.HeapAnalysis;
import dev.heaptrail.analysis.graph.ReferenceGraphs.Link;
import dev.heaptrail.analysis.suspects.ContainerNames;
import dev.heaptrail.heap.index.HeapIndex;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds a collection's internals (its table, nodes, entries) into one edge from the collection to
 * what it holds, labelled "[entry]", and ".value" or ".key" when the last step says which: people
 * think of a map holding a session, not of a node in a bucket of an array.
 */
final class Folding {

    private Folding() {}

    /** An edge while folding: the last step's label, and whether it went through internals. */
    private record Hop(String last, boolean through, boolean shortestPath) {}

    static ReferenceGraph fold(HeapIndex index, HeapAnalysis analysis, Set<Long> objects, Map<Link, Boolean> links,
                               Map<Link, String> labels, Map<Long, String> rootKinds, Set<Long> targets,
                               Map<Long, Long> moreReferrers, long omitted) {
        Map<Link, Hop> hops = new LinkedHashMap<>();
        links.forEach((l, onPath) -> hops.put(l, new Hop(labels.getOrDefault(l, "→"), false, onPath)));
        List<Long> kept = new ArrayList<>();
        for (long o : objects) {
            if (targets.contains(o) || rootKinds.containsKey(o) || !plumbing(index, o, hops)) {
                kept.add(o);
                continue;
            }
            List<Map.Entry<Link, Hop>> in = new ArrayList<>();
            List<Map.Entry<Link, Hop>> out = new ArrayList<>();
            for (Map.Entry<Link, Hop> e : hops.entrySet()) {
                if (e.getKey().to() == o) {
                    in.add(e);
                } else if (e.getKey().from() == o) {
                    out.add(e);
                }
            }
            if (in.isEmpty() || out.isEmpty()) {
                kept.add(o); // an end of the picture: folding it would lose where the path goes
                continue;
            }
            for (Map.Entry<Link, Hop> i : in) {
                hops.remove(i.getKey());
            }
            for (Map.Entry<Link, Hop> x : out) {
                hops.remove(x.getKey());
            }
            for (Map.Entry<Link, Hop> i : in) {
                for (Map.Entry<Link, Hop> x : out) {
                    Link joined = new Link(i.getKey().from(), x.getKey().to());
                    Hop hop = new Hop(x.getValue().last(), true, i.getValue().shortestPath() && x.getValue().shortestPath());
                    hops.merge(joined, hop, (a, b) -> a.shortestPath() ? a : b);
                }
            }
        }
        Map<Long, Integer> ids = new HashMap<>();
        List<ReferenceGraph.Node> nodes = new ArrayList<>();
        for (long o : kept) {
            ids.put(o, nodes.size());
            nodes.add(new ReferenceGraph.Node(nodes.size(), index.address(o), index.typeName(o), index.shallowSize(o),
                    analysis.retainedBytes(o), rootKinds.get(o), targets.contains(o), moreReferrers.getOrDefault(o, 0L)));
        }
        List<ReferenceGraph.Edge> edges = new ArrayList<>();
        hops.forEach((l, h) -> edges.add(new ReferenceGraph.Edge(ids.get(l.from()), ids.get(l.to()), label(h), h.shortestPath())));
        return new ReferenceGraph(nodes, edges, omitted);
    }

    /** Internals, or an array held by a collection or by internals. */
    private static boolean plumbing(HeapIndex index, long o, Map<Link, Hop> hops) {
        String name = index.typeName(o);
        if (ContainerNames.internals(name)) {
            return true;
        }
        if (!name.endsWith("[]")) {
            return false;
        }
        for (Link l : hops.keySet()) {
            if (l.to() == o && ContainerNames.plumbing(name, index.typeName(l.from()))) {
                return true;
            }
        }
        return false;
    }

    private static String label(Hop h) {
        if (!h.through()) {
            return h.last();
        }
        boolean field = h.last().startsWith(".") && !h.last().endsWith("(static)");
        return "[entry]" + (field ? h.last() : "");
    }
}
