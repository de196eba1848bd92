package dev.heaptrail.report.html;

import dev.heaptrail.report.Bytes;
import dev.heaptrail.report.GrowthResult;
import dev.heaptrail.report.Renderer;

import java.io.IOException;
import java.io.PrintStream;

/** {@code heaptrail growth --format html}: bars of the classes that grew most, then each class's counts. */
public final class GrowthHtml implements Renderer<GrowthResult> {

    @Override
    public void render(GrowthResult r, PrintStream out) throws IOException {
        StringBuilder b = new StringBuilder(8192);
        b.append("<header>\n<h1>Classes that grew<span class=\"recording\">process ").append(r.pid()).append("</span></h1>\n");
        b.append("<dl class=\"facts\">\n");
        DiffPages.fact(b, "histograms", r.samples() + ", " + r.interval().toMillis() / 1000.0 + " s apart");
        DiffPages.fact(b, "classes grew", Integer.toString(r.grew()));
        b.append("</dl>\n</header>\n");
        DiffPages.barsPanel(b, "Live bytes grown by class");
        b.append("<section class=\"panel\" id=\"classes\">\n<h2>Classes</h2>\n");
        if (r.shown().isEmpty()) {
            b.append("<p class=\"empty\">No class grew between the first and the last histogram.</p>\n");
        } else {
            b.append("<table id=\"growth-table\">\n<thead><tr><th>class</th><th class=\"num\">bytes grown</th>"
                    + "<th class=\"num\">objects grown</th><th class=\"num\">objects by histogram</th><th>every time</th></tr></thead>\n<tbody>\n");
            for (GrowthResult.ClassGrowth c : r.shown()) {
                b.append("<tr><td class=\"class\"><code>").append(Html.text(c.className())).append("</code></td>");
                DiffPages.cell(b, "num", Bytes.growth(c.bytesGrowth()));
                DiffPages.cell(b, "num", Bytes.countGrowth(c.instancesGrowth()));
                StringBuilder counts = new StringBuilder();
                for (long n : c.instances()) {
                    counts.append(counts.length() == 0 ? "" : " → ").append(Bytes.count(n));
                }
                DiffPages.cell(b, "num", counts.toString());
                DiffPages.cell(b, c.grewEverySample() ? "growing" : "", c.grewEverySample() ? "yes" : "no");
                b.append("</tr>\n");
            }
            b.append("</tbody>\n</table>\n");
        }
        b.append("</section>\n");
        String data = Html.json(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("bars");
            for (GrowthResult.ClassGrowth c : r.shown().subList(0, Math.min(DumpDiffHtml.BARS, r.shown().size()))) {
                DiffPages.bar(g, c.className(), c.bytes()[0], c.lastBytes(), c.bytesGrowth());
            }
            g.writeEndArray();
            g.writeEndObject();
        });
        Page.write(out, "heaptrail growth: process " + r.pid(), b.toString(), data, "bars.js", "Bars drawn");
    }
}
