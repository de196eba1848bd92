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
        String format = "%5s  %14s  %16s  %11s  %s%n";
        out.printf(format, "#", "instances", "shallow bytes", "", "class");
        int rank = 0;
        long shownBytes = 0;
        long shownInstances = 0;
        for (ClassHistogram.Row row : shown.rows()) {
            rank++;
            shownBytes += row.shallowBytes();
            shownInstances += row.instances();
            out.printf(format, rank + ":", Bytes.count(row.instances()), Bytes.count(row.shallowBytes()),
                    "(" + Bytes.human(row.shallowBytes()) + ")", row.className());
        }
        if (shown.rows().size() < matchingRows) {
            out.printf(format, "", "", "", "", "... " + (matchingRows - shown.rows().size())
                    + " more " + (matchingRows < allRows ? "matching " : "") + "classes (--top 0 shows all)");
        }
        if (shown.rows().size() < allRows) {
            out.printf(format, "", Bytes.count(shownInstances), Bytes.count(shownBytes),
                    "(" + Bytes.human(shownBytes) + ")", "in the " + shown.rows().size() + " classes shown");
        }
        out.printf(format, "", Bytes.count(shown.totalInstances()), Bytes.count(shown.totalBytes()),
                "(" + Bytes.human(shown.totalBytes()) + ")", "whole heap, " + Bytes.count(allRows) + " classes");
        out.println("object layout: " + shown.layout().describe());
    }
}
