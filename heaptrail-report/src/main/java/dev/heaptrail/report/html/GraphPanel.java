package dev.heaptrail.report.html;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.heaptrail.analysis.graph.ReferenceGraph;
import dev.heaptrail.report.json.GraphJson;

import java.io.IOException;
import java.util.List;

/**
 * The reference-graph picture of a page: a panel with the SVG that graph.js fills (dagre lays it
 * out, d3 draws it), and the graph as the page data's {@code "graph"} field.
 */
final class GraphPanel {

    /** What a page with a graph inlines, in order. */
    static final List<Vendored> LIBRARIES = List.of(Vendored.D3.LIBRARY, Vendored.Dagre.LIBRARY);

    private GraphPanel() {}

    static void panel(StringBuilder b, String title, ReferenceGraph g) {
        b.append("<section class=\"panel\" id=\"graph-panel\">\n<h2>").append(Html.text(title)).append("</h2>\n");
        b.append("<p class=\"legend\">Arrows go from holder to held, labelled with the field, index or [entry] (a collection's"
                + " internals folded); bold ones are the shortest strong path from a GC root.<span class=\"root\"></span>GC root"
                + "<span class=\"target\"></span>asked about</p>\n");
        b.append("<svg id=\"graph\" role=\"img\" aria-label=\"reference graph\"></svg>\n");
        if (g.omittedReferrers() > 0) {
            b.append("<p class=\"hint\">").append(g.omittedReferrers())
                    .append(" referrer(s) left out to keep the picture readable; the boxes that lost some say how many.</p>\n");
        }
        b.append("</section>\n");
    }

    /** {@code "graph":{"nodes":[...],"edges":[...]}}, as {@code heaptrail graph --format json} writes them. */
    static void data(JsonGenerator g, ReferenceGraph graph) throws IOException {
        g.writeObjectFieldStart("graph");
        GraphJson.nodesAndEdges(g, graph);
        g.writeEndObject();
    }
}
