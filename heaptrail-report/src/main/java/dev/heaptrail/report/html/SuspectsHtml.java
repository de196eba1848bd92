package dev.heaptrail.report.html;

import dev.heaptrail.analysis.paths.PathStep;
import dev.heaptrail.analysis.suspects.LeakSuspect;
import dev.heaptrail.report.Bytes;
import dev.heaptrail.report.HeapTotals;
import dev.heaptrail.report.Renderer;
import dev.heaptrail.report.SuspectsResult;
import dev.heaptrail.report.text.PathsText;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;

/**
 * {@code heaptrail analyze --format html}: the heap, the picture of who holds the first suspect,
 * then each suspect with its pattern, fix and leak trace.
 */
public final class SuspectsHtml implements Renderer<SuspectsResult> {

    @Override
    public void render(SuspectsResult r, PrintStream out) throws IOException {
        HeapTotals h = r.heap();
        StringBuilder b = new StringBuilder(16384);
        b.append("<header>\n<h1>Leak suspects").append(r.dump() != null ? "<span class=\"recording\">" + Html.text(r.dump()) + "</span>" : "")
                .append("</h1>\n<dl class=\"facts\">\n");
        DiffPages.fact(b, "reachable", Bytes.human(h.reachableBytes()) + " in " + Bytes.count(h.reachableObjects()) + " objects");
        DiffPages.fact(b, "not counted", Bytes.human(h.unreachableBytes()) + " unreachable or only weakly/softly reachable");
        DiffPages.fact(b, "suspects", Integer.toString(r.suspects().size()));
        b.append("</dl>\n</header>\n");
        if (r.suspects().isEmpty()) {
            b.append("<section class=\"panel\"><p class=\"empty\">No leak suspect: nothing retains a large share of the heap.</p></section>\n");
        } else if (r.graph() != null) {
            GraphPanel.panel(b, "Who holds suspect 1: " + r.suspects().get(0).description(), r.graph());
        }
        for (LeakSuspect s : r.suspects()) {
            suspect(b, s, r.suspects().size() > 1);
        }
        String data = Html.json(g -> {
            g.writeStartObject();
            if (r.graph() != null) {
                GraphPanel.data(g, r.graph());
            }
            g.writeEndObject();
        });
        Page.write(out, "heaptrail analyze" + (r.dump() != null ? ": " + r.dump() : ""), b.toString(), data, "graph.js",
                "Reference graph laid out", GraphPanel.LIBRARIES);
    }

    private static void suspect(StringBuilder b, LeakSuspect s, boolean ranked) {
        b.append("<section class=\"panel suspect\" id=\"suspect-").append(s.rank()).append("\" data-pattern=\"")
                .append(Html.text(s.pattern().id())).append("\">\n<h2>Suspect ").append(s.rank()).append(": ")
                .append(Html.text(s.description())).append("</h2>\n<dl class=\"facts\">\n");
        DiffPages.fact(b, "retained", String.format(Locale.ROOT, "%s (%.1f %%)", Bytes.human(s.retainedBytes()), s.retainedPercent()));
        DiffPages.fact(b, "under", String.format(Locale.ROOT, "%s (0x%x)%s", s.kind(), s.accumulationAddress(),
                s.elements() >= 0 ? " with " + Bytes.count(s.elements()) + " elements" : ""));
        if (s.dominantInstances() > 0) {
            DiffPages.fact(b, "made of", Bytes.count(s.dominantInstances()) + " " + s.dominantClass() + " retaining "
                    + Bytes.human(s.dominantBytes()) + (s.linkedChain() != null ? ", " + s.linkedChain().howLinked() : ""));
        }
        DiffPages.fact(b, "pattern", s.pattern().title());
        DiffPages.fact(b, "shape", (s.shape().leakLike() ? "leak-like: " : "not leak-like: ") + s.shape().why());
        if (s.thread() != null) {
            DiffPages.fact(b, "thread", s.thread());
        }
        b.append("</dl>\n");
        b.append("<p class=\"fix\"><strong>Fix: </strong>").append(Html.text(s.pattern().advice())).append("</p>\n");
        for (String advice : s.captureAdvice()) {
            b.append("<p class=\"fix\">").append(Html.text(advice)).append("</p>\n");
        }
        if (ranked && s.ranking() != null) {
            b.append("<p class=\"ranking\">").append(Html.text(s.ranking().why())).append("</p>\n");
        }
        b.append("<details class=\"chain\"").append(s.rank() == 1 ? " open" : "").append("><summary>leak trace</summary><ol class=\"trace\">");
        for (PathStep step : s.path()) {
            b.append("<li><code>").append(Html.text(PathsText.describe(step).strip())).append("</code></li>");
        }
        b.append("</ol></details>\n</section>\n");
    }
}
