package dev.heaptrail.report.html;

import dev.heaptrail.report.GraphResult;
import dev.heaptrail.report.Renderer;

import java.io.IOException;
import java.io.PrintStream;

/** {@code heaptrail graph --format html}: the picture alone, on one page. */
public final class GraphHtml implements Renderer<GraphResult> {

    @Override
    public void render(GraphResult r, PrintStream out) throws IOException {
        StringBuilder b = new StringBuilder(4096);
        b.append("<header>\n<h1>Who holds ").append(Html.text(r.about())).append("</h1>\n<dl class=\"facts\">\n");
        DiffPages.fact(b, "dump", r.dump());
        DiffPages.fact(b, "objects", Integer.toString(r.graph().nodes().size()));
        DiffPages.fact(b, "references", Integer.toString(r.graph().edges().size()));
        DiffPages.fact(b, "referrer levels", Integer.toString(r.depth()));
        b.append("</dl>\n</header>\n");
        GraphPanel.panel(b, "Reference graph", r.graph());
        String data = Html.json(g -> {
            g.writeStartObject();
            GraphPanel.data(g, r.graph());
            g.writeEndObject();
        });
        Page.write(out, "heaptrail graph: " + r.about(), b.toString(), data, "graph.js", "Laid out", GraphPanel.LIBRARIES);
    }
}
