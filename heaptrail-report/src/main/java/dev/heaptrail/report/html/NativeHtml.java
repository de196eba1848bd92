package dev.heaptrail.report.html;

import dev.heaptrail.live.MemoryBreakdown;
import dev.heaptrail.live.NativeMemory;
import dev.heaptrail.report.Bytes;
import dev.heaptrail.report.NativeResult;
import dev.heaptrail.report.Renderer;

import java.io.IOException;
import java.io.PrintStream;

/**
 * {@code heaptrail native --format html}: bars of what makes up the resident memory, then Native
 * Memory Tracking's categories when tracking is on, and the advice.
 */
public final class NativeHtml implements Renderer<NativeResult> {

    @Override
    public void render(NativeResult r, PrintStream out) throws IOException {
        MemoryBreakdown m = r.breakdown();
        NativeMemory.Summary nmt = r.nmt();
        StringBuilder b = new StringBuilder(8192);
        b.append("<header>\n<h1>Native memory<span class=\"recording\">process ").append(r.pid()).append("</span></h1>\n");
        b.append("<dl class=\"facts\">\n");
        DiffPages.fact(b, "resident (RSS)", Bytes.human(m.rssBytes()));
        DiffPages.fact(b, "unexplained", (m.unexplainedBytes() < 0 ? "-" : "") + Bytes.human(Math.abs(m.unexplainedBytes()))
                + " (RSS minus the parts below)");
        DiffPages.fact(b, "native memory tracking", nmt == null ? "off" : nmt.diff() ? "on, change since the baseline" : "on");
        b.append("</dl>\n</header>\n");
        if (r.advice() != null) {
            b.append("<p class=\"warning\">").append(Html.text(r.advice())).append("</p>\n");
        }
        DiffPages.barsPanel(b, "Resident memory by part");
        if (nmt != null) {
            b.append("<section class=\"panel\" id=\"nmt\">\n<h2>Native Memory Tracking</h2>\n<table id=\"nmt-table\">\n<thead><tr>"
                    + "<th>category</th><th class=\"num\">reserved</th><th class=\"num\">committed</th>");
            if (nmt.diff()) {
                b.append("<th class=\"num\">reserved +/-</th><th class=\"num\">committed +/-</th>");
            }
            b.append("</tr></thead>\n<tbody>\n");
            for (NativeMemory.Category c : nmt.categories()) {
                b.append("<tr><td>").append(Html.text(c.name())).append("</td>");
                DiffPages.cell(b, "num", Bytes.human(c.reservedBytes()));
                DiffPages.cell(b, "num", Bytes.human(c.committedBytes()));
                if (nmt.diff()) {
                    DiffPages.cell(b, "num", Bytes.growth(c.reservedDiffBytes()));
                    DiffPages.cell(b, "num", Bytes.growth(c.committedDiffBytes()));
                }
                b.append("</tr>\n");
            }
            b.append("</tbody>\n</table>\n</section>\n");
        }
        String data = Html.json(g -> {
            g.writeStartObject();
            g.writeBooleanField("unsigned", true);
            g.writeArrayFieldStart("bars");
            part(g, "heap committed", m.heapCommittedBytes());
            part(g, "metaspace committed", m.metaspaceCommittedBytes());
            part(g, "code cache committed", m.codeCacheCommittedBytes());
            part(g, "thread stacks (estimate)", m.threadStacksBytes());
            part(g, "direct buffers", m.directBufferBytes());
            part(g, "mapped buffers", m.mappedBufferBytes());
            part(g, "unexplained", m.unexplainedBytes());
            g.writeEndArray();
            g.writeEndObject();
        });
        Page.write(out, "heaptrail native: process " + r.pid(), b.toString(), data, "bars.js", "Bars drawn");
    }

    private static void part(com.fasterxml.jackson.core.JsonGenerator g, String name, long bytes) throws IOException {
        DiffPages.bar(g, name, 0, bytes, bytes);
    }
}
