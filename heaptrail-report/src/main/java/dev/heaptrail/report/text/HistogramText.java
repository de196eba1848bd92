package dev.heaptrail.report.text;

import dev.heaptrail.heap.ClassHistogram;
import dev.heaptrail.report.Bytes;
import dev.heaptrail.report.HistogramResult;
import dev.heaptrail.report.Renderer;

import java.io.PrintStream;

/** {@code heaptrail histo}: a ranked table, what was left out, and the whole heap's totals. */
public final class HistogramText implements Renderer<HistogramResult> {

    /** A screenful: the rows shown when --top is not given. */
    static final int DEFAULT_ROWS = 50;

    @Override
    public void render(HistogramResult r, PrintStream out) {
        ClassHistogram shown = r.shown(DEFAULT_ROWS);
        int matchingRows = r.matching().rows().size();
        int allRows = r.allClasses();
        row(out, "#", "instances", "shallow bytes", "", "class");
        int rank = 0;
        long shownBytes = 0;
        long shownInstances = 0;
        for (ClassHistogram.Row row : shown.rows()) {
            rank++;
            shownBytes += row.shallowBytes();
            shownInstances += row.instances();
            row(out, rank + ":", Bytes.count(row.instances()), Bytes.count(row.shallowBytes()),
                    "(" + Bytes.human(row.shallowBytes()) + ")", row.className());
        }
        if (shown.rows().size() < matchingRows) {
            row(out, "", "", "", "", "... " + (matchingRows - shown.rows().size())
                    + " more " + (matchingRows < allRows ? "matching " : "") + "classes (--top 0 shows all)");
        }
        if (shown.rows().size() < allRows) {
            row(out, "", Bytes.count(shownInstances), Bytes.count(shownBytes),
                    "(" + Bytes.human(shownBytes) + ")", "in the " + shown.rows().size() + " classes shown");
        }
        row(out, "", Bytes.count(shown.totalInstances()), Bytes.count(shown.totalBytes()),
                "(" + Bytes.human(shown.totalBytes()) + ")", "whole heap, " + Bytes.count(allRows) + " classes");
        out.println("object layout: " + shown.layout().describe());
    }

    /** One line of the table, columns right-aligned as "%5s  %14s  %16s  %11s  %s" would (without a Formatter: start-up). */
    private static void row(PrintStream out, String rank, String instances, String bytes, String human, String name) {
        StringBuilder b = new StringBuilder(80);
        pad(b, rank, 5).append("  ");
        pad(b, instances, 14).append("  ");
        pad(b, bytes, 16).append("  ");
        pad(b, human, 11).append("  ");
        out.println(b.append(name));
    }

    private static StringBuilder pad(StringBuilder b, String s, int width) {
        for (int i = s.length(); i < width; i++) {
            b.append(' ');
        }
        return b.append(s);
    }
}
