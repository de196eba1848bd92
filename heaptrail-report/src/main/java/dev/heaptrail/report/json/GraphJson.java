package dev.heaptrail.report.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.heaptrail.analysis.graph.ReferenceGraph;
import dev.heaptrail.report.GraphResult;
import dev.heaptrail.report.Renderer;

import java.io.IOException;
import java.io.PrintStream;

/**
 * {@code {"about","depth","nodes":[{"index","id","class","shallowBytes","retainedBytes","rootKind","target","moreReferrers"}],
 * "edges":[{"from","to","label","shortestPath"}],"omittedReferrers"}}; {@code from} and {@code to} are node indexes.
 */
public final class GraphJson implements Renderer<GraphResult> {

    @Override
    public void render(GraphResult r, PrintStream out) throws IOException {
        Json.write(out, Json.Style.COMPACT, g -> {
            g.writeStartObject();
            g.writeStringField("about", r.about());
            g.writeNumberField("depth", r.depth());
            nodesAndEdges(g, r.graph());
            g.writeNumberField("omittedReferrers", r.graph().omittedReferrers());
            g.writeEndObject();
        });
    }

    /** The {@code "nodes"} and {@code "edges"} fields of a graph, also in the data of the pages that draw one. */
    public static void nodesAndEdges(JsonGenerator g, ReferenceGraph graph) throws IOException {
        g.writeArrayFieldStart("nodes");
        for (ReferenceGraph.Node n : graph.nodes()) {
            g.writeStartObject();
            g.writeNumberField("index", n.id());
            Json.id(g, "id", n.address());
            g.writeStringField("class", n.className());
            g.writeNumberField("shallowBytes", n.shallowBytes());
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
    }
}
