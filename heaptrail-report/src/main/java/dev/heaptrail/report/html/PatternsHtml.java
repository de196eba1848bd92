package dev.heaptrail.report.html;

import dev.heaptrail.analysis.suspects.LeakPattern;
import dev.heaptrail.report.PatternsResult;
import dev.heaptrail.report.Renderer;

import java.io.IOException;
import java.io.PrintStream;

/** {@code heaptrail analyze --patterns --format html}: the leak patterns heaptrail can name, as a table. */
public final class PatternsHtml implements Renderer<PatternsResult> {

    @Override
    public void render(PatternsResult r, PrintStream out) throws IOException {
        StringBuilder b = new StringBuilder(4096);
        b.append("<header>\n<h1>Leak patterns heaptrail names</h1>\n</header>\n<section class=\"panel\">\n<table id=\"patterns\">\n")
                .append("<thead><tr><th>id</th><th>pattern</th><th>fix</th></tr></thead>\n<tbody>\n");
        for (LeakPattern p : r.patterns()) {
            b.append("<tr><td><code>").append(Html.text(p.id())).append("</code></td><td>").append(Html.text(p.title()))
                    .append("</td><td>").append(Html.text(p.advice())).append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n</section>\n");
        Page.write(out, "heaptrail analyze --patterns", b.toString(), "{}", "graph.js", "", java.util.List.of());
    }
}
