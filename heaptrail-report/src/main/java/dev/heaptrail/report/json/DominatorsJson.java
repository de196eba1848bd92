package dev.heaptrail.report.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.heaptrail.analysis.DominatorNode;
import dev.heaptrail.report.DominatorsResult;
import dev.heaptrail.report.HeapTotals;
import dev.heaptrail.report.Renderer;

import java.io.IOException;
import java.io.PrintStream;

/** {@code {"reachableObjects","reachableBytes","unreachableObjects","unreachableBytes","dominators":[{id, class, shallowBytes, retainedBytes, retainedPercent, children?}]}}. */
public final class DominatorsJson implements Renderer<DominatorsResult> {

    @Override
    public void render(DominatorsResult r, PrintStream out) throws IOException {
        Json.write(out, Json.Style.COMPACT, g -> {
            g.writeStartObject();
            totals(r.heap(), g);
            g.writeArrayFieldStart("dominators");
            for (DominatorNode n : r.dominators()) {
                node(r.heap(), n, g);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** The heap's totals, first in both dominator documents. */
    static void totals(HeapTotals h, JsonGenerator g) throws IOException {
        g.writeNumberField("reachableObjects", h.reachableObjects());
        g.writeNumberField("reachableBytes", h.reachableBytes());
        g.writeNumberField("unreachableObjects", h.unreachableObjects());
        g.writeNumberField("unreachableBytes", h.unreachableBytes());
    }

    private static void node(HeapTotals h, DominatorNode n, JsonGenerator g) throws IOException {
        g.writeStartObject();
        Json.id(g, "id", n.address());
        g.writeStringField("class", n.className());
        g.writeNumberField("shallowBytes", n.shallowBytes());
        g.writeNumberField("retainedBytes", n.retainedBytes());
        Json.percent(g, "retainedPercent", h.percentOfReachable(n.retainedBytes()));
        if (!n.children().isEmpty()) {
            g.writeArrayFieldStart("children");
            for (DominatorNode c : n.children()) {
                node(h, c, g);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }
}
