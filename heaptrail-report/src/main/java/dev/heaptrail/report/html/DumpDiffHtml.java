package dev.heaptrail.report.html;

import dev.heaptrail.analysis.diff.DumpDiff;
import dev.heaptrail.analysis.paths.PathStep;
import dev.heaptrail.report.Bytes;
import dev.heaptrail.report.DumpDiffResult;
import dev.heaptrail.report.Renderer;

import java.io.IOException;
import java.io.PrintStream;

/**
 * {@code heaptrail diff} of two dumps as one page: the two heaps, bars of the structures' retained
 * growth, then each structure with its path from a GC root, pattern and fix.
 */
public final class DumpDiffHtml implements Renderer<DumpDiffResult> {

    /** Bars drawn at most: beyond, the table has them. */
    static final int BARS = 20;

    @Override
    public void render(DumpDiffResult r, PrintStream out) throws IOException {
        StringBuilder b = new StringBuilder(8192);
        b.append("<header>\n<h1>What grew</h1>\n<dl class=\"facts\">\n");
        DiffPages.fact(b, "before", r.beforeFile() + ": " + Bytes.human(r.before().reachableBytes()) + " reachable");
        DiffPages.fact(b, "after", r.afterFile() + ": " + Bytes.human(r.after().reachableBytes()) + " reachable");
        b.append("</dl>\n</header>\n");
        DiffPages.barsPanel(b, "Retained growth by structure");
        b.append("<section class=\"panel\" id=\"groups\">\n<h2>Structures</h2>\n");
        if (r.shown().isEmpty()) {
            b.append("<p class=\"empty\">No structure retains 1 % of either reachable heap.</p>\n");
        } else {
            b.append("<table id=\"groups-table\">\n<thead><tr><th class=\"num\">#</th><th>held by</th><th class=\"num\">growth</th>"
                    + "<th class=\"num\">before</th><th class=\"num\">after</th><th>class</th><th class=\"num\">objects</th>"
                    + "<th>pattern</th></tr></thead>\n<tbody>\n");
            int rank = 1;
            for (DumpDiff.GroupChange g : r.shown()) {
                b.append("<tr data-rank=\"").append(rank).append("\"><td class=\"num\">").append(rank).append("</td><td><code>")
                        .append(Html.text(g.signature())).append("</code>");
                b.append("<details class=\"chain\"").append(rank == 1 ? " open" : "").append("><summary>path from a GC root</summary><ol>");
                for (PathStep step : g.path()) {
                    b.append("<li><code>").append(Html.text(step.describe().strip())).append("</code></li>");
                }
                b.append("</ol></details>");
                if (g.growthBytes() > 0) {
                    b.append("<p class=\"advice\">").append(Html.text(g.pattern().advice())).append("</p>");
                }
                b.append("</td>");
                DiffPages.cell(b, "num", Bytes.growth(g.growthBytes()));
                DiffPages.cell(b, "num", g.before() == null ? "under 0.5 %" : Bytes.human(g.retainedBefore()));
                DiffPages.cell(b, "num", g.after() == null ? "under 0.5 %" : Bytes.human(g.retainedAfter()));
                b.append("<td class=\"class\"><code>").append(Html.text(g.className())).append("</code></td>");
                DiffPages.cell(b, "num", Bytes.countGrowth(g.growthObjects()));
                DiffPages.cell(b, "pattern", g.pattern().title());
                b.append("</tr>\n");
                rank++;
            }
            b.append("</tbody>\n</table>\n");
        }
        b.append("</section>\n");
        String data = Html.json(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("bars");
            for (DumpDiff.GroupChange c : r.shown().subList(0, Math.min(BARS, r.shown().size()))) {
                DiffPages.bar(g, c.signature(), c.retainedBefore(), c.retainedAfter(), c.growthBytes());
            }
            g.writeEndArray();
            g.writeEndObject();
        });
        Page.write(out, "heaptrail diff: " + r.afterFile(), b.toString(), data, "bars.js", "Bars drawn");
    }
}
