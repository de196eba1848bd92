package dev.heaptrail.report.html;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/** What the two diff pages share: their facts, the bars' panel and data, table cells. */
final class DiffPages {

    private DiffPages() {}

    static void fact(StringBuilder b, String name, String value) {
        b.append("<div><dt>").append(Html.text(name)).append("</dt><dd>").append(Html.text(value)).append("</dd></div>\n");
    }

    static void barsPanel(StringBuilder b, String title) {
        b.append("<section class=\"panel\" id=\"chart\">\n<h2>").append(Html.text(title)).append("</h2>\n")
                .append("<svg id=\"bars\" role=\"img\" aria-label=\"").append(Html.text(title.toLowerCase(java.util.Locale.ROOT)))
                .append(", largest growth first\"></svg>\n</section>\n");
    }

    static void bar(JsonGenerator g, String label, long before, long after, long growth) throws IOException {
        g.writeStartObject();
        g.writeStringField("label", label);
        g.writeNumberField("before", before);
        g.writeNumberField("after", after);
        g.writeNumberField("growth", growth);
        g.writeEndObject();
    }

    static void cell(StringBuilder b, String css, String text) {
        b.append("<td class=\"").append(css).append("\">").append(Html.text(text)).append("</td>");
    }
}
