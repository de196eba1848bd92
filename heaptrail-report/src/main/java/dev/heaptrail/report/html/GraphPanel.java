package dev.heaptrail.report.html;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.heaptrail.analysis.graph.ReferenceGraph;

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

    /** {@code "graph":{"nodes":[{"index","id","class","retainedBytes","rootKind","target","moreReferrers"}],"edges":[{"from","to","label","shortestPath"}]}} */
    static void data(JsonGenerator g, ReferenceGraph graph) throws IOException {
        g.writeObjectFieldStart("graph");
        g.writeArrayFieldStart("nodes");
        for (ReferenceGraph.Node n : graph.nodes()) {
            g.writeStartObject();
            g.writeNumberField("index", n.id());
            g.writeStringField("id", "0x" + Long.toHexString(n.address()));
            g.writeStringField("class", n.className());
            g.writeNumberField("retainedBytes", n.retainedBytes());
            g.writeStringField("rootKind", n.rootKind());
            g.writeBooleanField("target", n.target());
            g.writeNumberField("moreReferrers", n.moreReferrers());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("edges");
        for (ReferenceGraph.Edge e : graph.edges()) {
            g.writeStartObject();
            g.writeNumberField("from", e.from());
            g.writeNumberField("to", e.to());
            g.writeStringField("label", e.label());
            g.writeBooleanField("shortestPath", e.shortestPath());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
