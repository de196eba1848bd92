package dev.heaptrail.report.html;

import dev.heaptrail.alloc.AllocationReport;
import dev.heaptrail.alloc.AllocationSite;
import dev.heaptrail.alloc.Frame;
import dev.heaptrail.alloc.RetentionStep;
import dev.heaptrail.report.Bytes;
import dev.heaptrail.report.Renderer;
import dev.heaptrail.report.SiteFigures;
import dev.heaptrail.report.SitesResult;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;

/**
 * {@code heaptrail alloc} and {@code sites} as one page: what was recorded, a flame graph of
 * surviving bytes by stack (hover for a frame's bytes, click to zoom, search to highlight), then
 * the ranked sites with their stacks and reference chains, and the report's notes.
 */
public final class SitesHtml implements Renderer<SitesResult> {

    @Override
    public void render(SitesResult result, PrintStream out) throws IOException {
        AllocationReport r = result.report();
        StringBuilder body = new StringBuilder(8192);
        header(result, body);
        flameGraph(r, body);
        sites(r, body);
        if (!r.notes().isEmpty()) {
            body.append("<section class=\"panel\" id=\"notes\">\n<h2>Notes</h2>\n<ul>\n");
            r.notes().forEach(n -> body.append("<li>").append(Html.text(n)).append("</li>\n"));
            body.append("</ul>\n</section>\n");
        }
        Page.write(out, "heaptrail sites: " + result.recording(), body.toString(), FlameData.json(r), "flamegraph.js");
    }

    private static void header(SitesResult result, StringBuilder b) {
        AllocationReport r = result.report();
        b.append("<header>\n<h1>Allocation sites <span class=\"recording\">").append(Html.text(result.recording()))
                .append("</span></h1>\n<dl class=\"facts\">\n");
        fact(b, "source", r.source().id());
        fact(b, "duration", SiteFigures.duration(r));
        fact(b, "samples", Bytes.count(r.samples()));
        fact(b, "JVM", SiteFigures.jvm(r));
        if (r.comparedTo() != null) {
            fact(b, "compared with", r.comparedTo());
        }
        b.append("</dl>\n");
        if (!r.survivorSamples()) {
            b.append("<p class=\"warning\" role=\"alert\">").append(Html.text(SiteFigures.NO_SURVIVOR_SAMPLES)).append("</p>\n");
        }
        b.append("</header>\n");
    }

    private static void fact(StringBuilder b, String name, String value) {
        b.append("<div><dt>").append(Html.text(name)).append("</dt><dd>").append(Html.text(value)).append("</dd></div>\n");
    }

    private static void flameGraph(AllocationReport r, StringBuilder b) {
        String what = (r.survivorSamples() ? "Surviving bytes" : "Allocated bytes")
                + (r.comparedTo() != null ? " grown since the earlier recording, by stack" : " by stack");
        b.append("<section class=\"panel\" id=\"flame\">\n<div class=\"toolbar\">\n<h2>").append(what).append("</h2>\n")
                .append("<input id=\"search\" type=\"search\" placeholder=\"Highlight frames\" aria-label=\"Highlight frames"
                        + " whose name contains\" autocomplete=\"off\" spellcheck=\"false\">\n")
                .append("<span id=\"matched\" aria-live=\"polite\"></span>\n")
                .append("<button id=\"reset\" type=\"button\" disabled>Reset zoom</button>\n</div>\n")
                .append("<div id=\"details\" class=\"details\">Hover over a frame for its bytes; click it to zoom in.</div>\n")
                .append("<svg id=\"flamegraph\" role=\"img\" aria-label=\"Flame graph: ").append(what.toLowerCase(Locale.ROOT))
                .append(", outermost frame at the bottom\"></svg>\n")
                .append("<p class=\"hint\">Each box is a frame, as wide as the bytes of the stacks through it; callers below,"
                        + " callees above, the allocating frame on top. Frames of the JDK are grey.</p>\n</section>\n");
    }

    private static void sites(AllocationReport r, StringBuilder b) {
        boolean compared = r.comparedTo() != null;
        b.append("<section class=\"panel\" id=\"sites\">\n<h2>Sites</h2>\n<p class=\"ranking\">")
                .append(Html.text(SiteFigures.ranking(r))).append("</p>\n");
        if (r.sites().isEmpty()) {
            b.append("<p class=\"empty\">No allocation site in this report.</p>\n</section>\n");
            return;
        }
        b.append("<table id=\"sites-table\">\n<thead><tr><th class=\"num\">#</th><th>site</th><th class=\"num\">surviving</th>"
                + "<th class=\"num\">objects</th>").append(compared ? "<th class=\"num\">growth</th>" : "")
                .append("<th class=\"num\">samples</th><th class=\"num\">allocating</th><th>top class</th></tr></thead>\n<tbody>\n");
        for (AllocationSite s : r.sites()) {
            b.append("<tr data-rank=\"").append(s.rank()).append("\"><td class=\"num\">").append(s.rank()).append("</td>")
                    .append("<td class=\"site\"><code>").append(Html.text(SiteFigures.name(s))).append("</code>");
            stack(s, b);
            chain(s, b);
            b.append("</td>");
            cell(b, "num", SiteFigures.surviving(s));
            cell(b, "num", SiteFigures.objects(s));
            if (compared) {
                boolean growing = s.growth() != null && s.growth().growing();
                b.append("<td class=\"num").append(growing ? " growing" : "").append("\">").append(Html.text(SiteFigures.growth(s)))
                        .append(growing ? " <span class=\"badge\">grows</span>" : "").append("</td>");
            }
            cell(b, "num", SiteFigures.samples(s));
            cell(b, "num", SiteFigures.rate(s));
            b.append("<td class=\"class\"><code>").append(Html.text(SiteFigures.topClass(s))).append("</code></td></tr>\n");
        }
        b.append("</tbody>\n</table>\n</section>\n");
    }

    private static void cell(StringBuilder b, String css, String text) {
        b.append("<td class=\"").append(css).append(SiteFigures.UNKNOWN.equals(text) ? " unknown" : "").append("\">")
                .append(Html.text(text)).append("</td>");
    }

    private static void stack(AllocationSite s, StringBuilder b) {
        if (s.frames().size() < 2) {
            return;
        }
        b.append("<details class=\"stack\"><summary>stack of ").append(s.frames().size()).append(" frames</summary><ol>");
        for (Frame f : s.frames()) {
            b.append("<li><code>").append(Html.text(f.describe())).append("</code></li>");
        }
        b.append("</ol></details>");
    }

    private static void chain(AllocationSite s, StringBuilder b) {
        if (s.path().isEmpty()) {
            return;
        }
        // the top site's chain is open: it is what people come for
        b.append("<details class=\"chain\"").append(s.rank() == 1 ? " open" : "").append("><summary>held from a GC root through ").append(s.path().size())
                .append(s.path().size() == 1 ? " object" : " objects").append("</summary><ol>");
        for (RetentionStep step : s.path()) {
            if (step.skippedBefore() > 0) {
                b.append("<li class=\"skipped\">… ").append(Bytes.count(step.skippedBefore()))
                        .append(step.skippedBefore() == 1 ? " link" : " links").append(" skipped by the recording …</li>");
            }
            b.append("<li><code>").append(Html.text(step.step().describe().strip())).append("</code></li>");
        }
        b.append("</ol></details>");
    }
}
