package dev.heaptrail.report.dot;

import dev.heaptrail.analysis.graph.ReferenceGraph;
import dev.heaptrail.report.GraphResult;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Names from a dump are data: a hostile class or field name stays one label in DOT and in Graphviz's SVG. */
class GraphDotTest {

    private static final String HOSTILE = "Evil\"];\nn9 [label=\"pwned\\";

    private static GraphResult graph() {
        return new GraphResult("x.hprof", "a test", 1, new ReferenceGraph(List.of(
                new ReferenceGraph.Node(0, 0x10, "class " + HOSTILE, 16, 4096, "sticky class", false, 0),
                new ReferenceGraph.Node(1, 0x20, "java.util.HashMap", 48, 4000, null, true, 7)),
                List.of(new ReferenceGraph.Edge(0, 1, "." + HOSTILE + " (static)", true)), 7));
    }

    @Test
    void hostileNamesStayInsideTheirLabels() {
        String dot = GraphDot.dot(graph());
        // two nodes and one edge, whatever the names say
        assertThat(dot.lines().filter(l -> l.matches("\\s+n\\d+ \\[label=.*"))).hasSize(2);
        assertThat(dot.lines().filter(l -> l.contains(" -> "))).hasSize(1);
        // a line break in a name is a line of the label; quotes and backslashes are escaped
        assertThat(dot).doesNotContain("n9 [label=\"pwned").contains("Evil\\\"];\\nn9 [label=\\\"pwned\\\\\\n0x10")
                .contains("+7 more referrer(s)").contains("GC root: sticky class");
    }

    @Test
    void graphvizLaysTheSameOutWithTheNamesAsText() throws Exception {
        assertThat(GraphSvg.dot()).as("Graphviz's dot on the PATH (.ci/setup installs it)").isPresent();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        new GraphSvg().render(graph(), new PrintStream(b, true, StandardCharsets.UTF_8));
        String svg = b.toString(StandardCharsets.UTF_8);
        assertThat(svg).contains("<svg").contains(">class Evil&quot;];</text>", ">n9 [label=&quot;pwned\\</text>");
        assertThat(svg.split("class=\"node\"", -1)).hasSize(3);
        assertThat(svg.split("class=\"edge\"", -1)).hasSize(2);
    }
}
