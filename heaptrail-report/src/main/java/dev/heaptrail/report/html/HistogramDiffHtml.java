package dev.heaptrail.report.html;

import dev.heaptrail.analysis.diff.HistogramDiff;
import dev.heaptrail.report.Bytes;
import dev.heaptrail.report.HistogramDiffResult;
import dev.heaptrail.report.Renderer;

import java.io.IOException;
import java.io.PrintStream;

/** {@code heaptrail diff} of two histograms as one page: bars of the classes' growth, then the table. */
public final class HistogramDiffHtml implements Renderer<HistogramDiffResult> {

    @Override
    public void render(HistogramDiffResult r, PrintStream out) throws IOException {
        HistogramDiff d = r.diff();
        StringBuilder b = new StringBuilder(8192);
        b.append("<header>\n<h1>Classes that grew</h1>\n<dl class=\"facts\">\n");
        DiffPages.fact(b, "before", r.before() + ": " + Bytes.human(d.before().bytes()) + " in " + Bytes.count(d.before().instances()) + " objects");
        DiffPages.fact(b, "after", r.after() + ": " + Bytes.human(d.after().bytes()) + " in " + Bytes.count(d.after().instances()) + " objects");
        b.append("</dl>\n</header>\n");
        DiffPages.barsPanel(b, "Bytes grown by class");
        b.append("<section class=\"panel\" id=\"groups\">\n<h2>Classes</h2>\n");
        if (r.shown().isEmpty()) {
            b.append("<p class=\"empty\">No class grew.</p>\n");
        } else {
            b.append("<table id=\"groups-table\">\n<thead><tr><th class=\"num\">#</th><th>class</th><th class=\"num\">bytes grown</th>"
                    + "<th class=\"num\">bytes after</th><th class=\"num\">objects grown</th><th class=\"num\">objects after</th>"
                    + "</tr></thead>\n<tbody>\n");
            int rank = 1;
            for (HistogramDiff.ClassChange c : r.shown()) {
                b.append("<tr data-rank=\"").append(rank).append("\"><td class=\"num\">").append(rank++).append("</td><td class=\"class\"><code>")
                        .append(Html.text(c.className())).append("</code></td>");
                DiffPages.cell(b, "num", Bytes.growth(c.growthBytes()));
                DiffPages.cell(b, "num", Bytes.human(c.bytesAfter()));
                DiffPages.cell(b, "num", Bytes.countGrowth(c.growthInstances()));
                DiffPages.cell(b, "num", Bytes.count(c.instancesAfter()));
                b.append("</tr>\n");
            }
            b.append("</tbody>\n</table>\n");
        }
        b.append("</section>\n");
        String data = Html.json(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("bars");
            for (HistogramDiff.ClassChange c : r.shown().subList(0, Math.min(DumpDiffHtml.BARS, r.shown().size()))) {
                DiffPages.bar(g, c.className(), c.bytesBefore(), c.bytesAfter(), c.growthBytes());
            }
            g.writeEndArray();
            g.writeEndObject();
        });
        Page.write(out, "heaptrail diff: " + r.after(), b.toString(), data, "bars.js", "Bars drawn");
    }
}
