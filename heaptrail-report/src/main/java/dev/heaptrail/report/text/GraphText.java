package dev.heaptrail.report.text;

import dev.heaptrail.analysis.graph.ReferenceGraph;
import dev.heaptrail.report.Bytes;
import dev.heaptrail.report.GraphResult;
import dev.heaptrail.report.Renderer;

import java.io.PrintStream;

/** The picture as lines: each object with what it retains, then each reference ("holder .field → held"). */
public final class GraphText implements Renderer<GraphResult> {

    @Override
    public void render(GraphResult r, PrintStream out) {
        ReferenceGraph g = r.graph();
        out.printf("Who holds %s (%d objects, %d references):%n", r.about(), g.nodes().size(), g.edges().size());
        for (ReferenceGraph.Node n : g.nodes()) {
            out.printf("  [%d] %s (0x%x), retains %s%s%s%s%n", n.id(), n.className(), n.address(), Bytes.human(n.retainedBytes()),
                    n.rootKind() != null ? ", GC root (" + n.rootKind() + ")" : "", n.target() ? ", asked for" : "",
                    n.moreReferrers() > 0 ? ", " + n.moreReferrers() + " more referrer(s) not shown" : "");
        }
        out.println("References (* on a shortest path from a GC root):");
        for (ReferenceGraph.Edge e : g.edges()) {
            out.printf("  %s [%d] %s → [%d]%n", e.shortestPath() ? "*" : " ", e.from(), e.label(), e.to());
        }
        if (g.omittedReferrers() > 0) {
            out.printf("%d referrer(s) left out to keep the picture readable (--depth and the node limit choose how many).%n",
                    g.omittedReferrers());
        }
    }
}
