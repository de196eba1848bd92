package dev.heaptrail.analysis.graph;

import dev.heaptrail.analysis.HeapAnalysis;
import dev.heaptrail.heap.index.HeapIndex;
import dev.heaptrail.heap.index.HeapIndexBuilder;
import dev.heaptrail.heap.index.ObjectKind;
import dev.heaptrail.hprof.ReadProgress;
import dev.heaptrail.testkit.Jdks;
import dev.heaptrail.testkit.KnownHeapDump;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Pictures of who holds a session, from a real dump of {@link HeldSession}. */
class ReferenceGraphsTest {

    private static final String P = HeldSession.class.getName();
    private static HeapAnalysis analysis;
    private static long firstSession;
    private static long otherSession;

    @BeforeAll
    static void dump() throws Exception {
        Path dump = KnownHeapDump.create(Jdks.current(), List.of("-Xmx128m"), Path.of("target", "dumps", "held-session"), false,
                HeldSession.class).dump();
        analysis = HeapAnalysis.of(HeapIndexBuilder.build(dump, ReadProgress.NONE));
        HeapIndex index = analysis.index();
        // the session the holder and the listeners refer to: the one with the most referrers
        List<Long> sessions = objectsOf(P + "$Session");
        assertThat(sessions).hasSize(3);
        firstSession = sessions.stream().max(Comparator.comparingLong(s -> index.incomingEnd(s) - index.incomingStart(s))).orElseThrow();
        otherSession = sessions.stream().filter(s -> s != firstSession).findFirst().orElseThrow();
    }

    private static List<Long> objectsOf(String className) {
        HeapIndex index = analysis.index();
        List<Long> found = new ArrayList<>();
        for (long o = 0; o < index.objectCount(); o++) {
            if (index.kind(o) != ObjectKind.CLASS && index.typeName(o).equals(className)) {
                found.add(o);
            }
        }
        return found;
    }

    private static ReferenceGraph.Node node(ReferenceGraph g, String className) {
        return nodes(g, className).get(0);
    }

    private static List<ReferenceGraph.Node> nodes(ReferenceGraph g, String className) {
        return g.nodes().stream().filter(n -> n.className().equals(className)).toList();
    }

    private static Optional<ReferenceGraph.Edge> edge(ReferenceGraph g, ReferenceGraph.Node from, ReferenceGraph.Node to) {
        return g.edges().stream().filter(e -> e.from() == from.id() && e.to() == to.id()).findFirst();
    }

    @Test
    void theShortestPathComesFromTheStaticMapWithTheMapsInternalsFolded() throws Exception {
        ReferenceGraph g = ReferenceGraphs.shortestPaths(analysis, List.of(otherSession), 40);
        List<String> classes = g.nodes().stream().map(ReferenceGraph.Node::className).toList();
        // the program's class is held by the launcher's (no GC root of its own): the path starts there
        assertThat(classes.subList(classes.size() - 3, classes.size()))
                .containsExactly("class " + P, "java.util.HashMap", P + "$Session");
        ReferenceGraph.Node root = g.nodes().get(0);
        assertThat(root.rootKind()).isNotNull();
        assertThat(g.nodes().subList(1, g.nodes().size())).allSatisfy(n -> assertThat(n.rootKind()).isNull());
        ReferenceGraph.Node program = node(g, "class " + P);
        ReferenceGraph.Node map = node(g, "java.util.HashMap");
        ReferenceGraph.Node session = node(g, P + "$Session");
        assertThat(session.target()).isTrue();
        assertThat(session.address()).isEqualTo(analysis.index().address(otherSession));
        assertThat(session.retainedBytes()).isEqualTo(analysis.retainedBytes(otherSession));
        // two sessions: the first is held by the holder and the listeners too, so the map does not retain it
        assertThat(map.retainedBytes()).isGreaterThan(2 * 4096).isLessThan(3 * 4096);
        assertThat(edge(g, program, map)).hasValueSatisfying(e -> {
            assertThat(e.label()).isEqualTo(".SESSIONS (static)");
            assertThat(e.shortestPath()).isTrue();
        });
        assertThat(edge(g, map, session)).hasValueSatisfying(e -> assertThat(e.label()).isEqualTo("[entry].value"));
        assertThat(g.edges()).hasSize(g.nodes().size() - 1).allMatch(ReferenceGraph.Edge::shortestPath);
    }

    @Test
    void referrersAreTheLargestFewWithTheRestCounted() throws Exception {
        ReferenceGraph g = ReferenceGraphs.of(analysis, List.of(firstSession), 1, 60);
        ReferenceGraph.Node session = node(g, P + "$Session");
        // the holder is on the shortest path (static field, then .favourite); of the other eleven
        // referrers (ten listeners and the map's node), the five that retain the most
        ReferenceGraph.Node holder = node(g, P + "$Holder");
        assertThat(edge(g, holder, session)).hasValueSatisfying(e -> {
            assertThat(e.label()).isEqualTo(".favourite");
            assertThat(e.shortestPath()).isTrue();
        });
        List<ReferenceGraph.Node> listeners = nodes(g, P + "$Listener");
        assertThat(listeners).hasSize(ReferenceGraphs.FAN_IN).allSatisfy(l -> assertThat(edge(g, l, session))
                .hasValueSatisfying(e -> assertThat(e.shortestPath()).isFalse()).hasValueSatisfying(e -> assertThat(e.label()).isEqualTo(".session")));
        long smallestDrawn = listeners.stream().mapToLong(ReferenceGraph.Node::retainedBytes).min().orElseThrow();
        // listener i retains an array of (i + 1) * 100 longs: the five largest are 10 to 6
        assertThat(smallestDrawn).isGreaterThan(6 * 100 * 8).isLessThan(7 * 100 * 8);
        assertThat(session.moreReferrers()).isEqualTo(6);
        assertThat(g.omittedReferrers()).isEqualTo(6);
        assertThat(g.nodes()).noneMatch(n -> n.className().startsWith("java.util.HashMap$Node"));
    }

    @Test
    void deeperReferrersReachTheListenersListThroughItsArray() throws Exception {
        ReferenceGraph g = ReferenceGraphs.of(analysis, List.of(firstSession), 2, 60);
        ReferenceGraph.Node list = node(g, "java.util.ArrayList");
        for (ReferenceGraph.Node l : nodes(g, P + "$Listener")) {
            assertThat(edge(g, list, l)).as("ArrayList holds listener %x", l.address())
                    .hasValueSatisfying(e -> assertThat(e.label()).isEqualTo("[entry]"));
        }
        assertThat(g.nodes()).noneMatch(n -> n.className().equals("java.lang.Object[]"));
        // at depth 2 the holder's and listeners' own referrers (the class's static field, the list) are there
        ReferenceGraph.Node holder = node(g, P + "$Holder");
        assertThat(g.edges()).anySatisfy(e -> {
            assertThat(e.to()).isEqualTo(holder.id());
            assertThat(e.label()).isEqualTo(".holder (static)");
        });
    }

    @Test
    void theNodeLimitHoldsAndTheShortestPathStaysWhole() throws Exception {
        ReferenceGraph g = ReferenceGraphs.of(analysis, List.of(firstSession), 3, 4);
        assertThat(g.nodes().size()).isLessThanOrEqualTo(4);
        assertThat(g.nodes()).extracting(ReferenceGraph.Node::className).endsWith(P + "$Holder", P + "$Session");
        assertThat(g.omittedReferrers()).isPositive();
    }

    @Test
    void aClassIsNotShownAsHeldByItsOwnInstances() throws Exception {
        HeapIndex index = analysis.index();
        long listenerClass = -1;
        for (long o = 0; o < index.objectCount(); o++) {
            if (index.kind(o) == ObjectKind.CLASS && index.typeName(o).equals("class " + P + "$Listener")) {
                listenerClass = o;
            }
        }
        assertThat(listenerClass).isNotNegative();
        ReferenceGraph g = ReferenceGraphs.of(analysis, List.of(listenerClass), 2, 60);
        assertThat(g.nodes()).noneMatch(n -> n.className().equals(P + "$Listener"));
        assertThat(g.nodes()).filteredOn(ReferenceGraph.Node::target).singleElement()
                .satisfies(n -> assertThat(n.moreReferrers()).isZero());
    }
}
