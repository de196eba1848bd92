package dev.heaptrail.report.html;

import dev.heaptrail.analysis.paths.PathStep;
import dev.heaptrail.report.Bytes;
import dev.heaptrail.report.PathsResult;
import dev.heaptrail.report.Renderer;
import dev.heaptrail.report.text.PathsText;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/** {@code heaptrail path --format html}: the paths as a picture, then each one step a line. */
public final class PathsHtml implements Renderer<PathsResult> {

    @Override
    public void render(PathsResult r, PrintStream out) throws IOException {
        StringBuilder b = new StringBuilder(8192);
        b.append("<header>\n<h1>Paths from GC roots</h1>\n<dl class=\"facts\">\n");
        DiffPages.fact(b, "objects", Integer.toString(r.paths().size() + r.unreachable().size()));
        DiffPages.fact(b, "no strong path", Integer.toString(r.unreachable().size()));
        b.append("</dl>\n</header>\n");
        if (r.graph() != null && !r.graph().nodes().isEmpty()) {
            GraphPanel.panel(b, "Who holds them", r.graph());
        }
        int n = 1;
        for (PathsResult.TargetPath p : r.paths()) {
            PathStep last = p.target();
            b.append("<section class=\"panel path\" id=\"path-").append(n).append("\">\n<h2>")
                    .append(Html.text(last.className() + " (0x" + Long.toHexString(last.address()) + "), retaining "
                            + Bytes.human(p.retainedBytes())))
                    .append("</h2>\n<ol class=\"trace\">");
            for (PathStep s : p.steps()) {
                b.append("<li><code>").append(Html.text(PathsText.describe(s).strip())).append("</code></li>");
            }
            b.append("</ol>\n</section>\n");
            n++;
        }
        if (!r.unreachable().isEmpty()) {
            b.append("<section class=\"panel\" id=\"unreachable\">\n<h2>No strong path</h2>\n<ul>");
            for (PathsResult.Unreachable u : r.unreachable()) {
                b.append("<li><code>").append(Html.text(u.className() + " (0x" + Long.toHexString(u.address()) + ")"))
                        .append("</code>: garbage, or only weakly/softly referenced</li>");
            }
            b.append("</ul>\n</section>\n");
        }
        String data = Html.json(g -> {
            g.writeStartObject();
            if (r.graph() != null) {
                GraphPanel.data(g, r.graph());
            }
            g.writeEndObject();
        });
        Page.write(out, "heaptrail path", b.toString(), data, "graph.js", "Paths laid out",
                r.graph() != null ? GraphPanel.LIBRARIES : List.of());
    }
}
