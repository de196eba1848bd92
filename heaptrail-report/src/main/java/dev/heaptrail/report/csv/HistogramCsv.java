package dev.heaptrail.report.csv;

import dev.heaptrail.heap.ClassHistogram;
import dev.heaptrail.report.HistogramResult;
import dev.heaptrail.report.Renderer;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** RFC 4180 CSV with a header line: {@code class,instances,shallowBytes}; every matching class unless --top says otherwise. */
public final class HistogramCsv implements Renderer<HistogramResult> {

    @Override
    public void render(HistogramResult r, PrintStream out) {
        // its own UTF-8 stream: class names are written as UTF-8 whatever the platform's charset
        PrintStream p = new PrintStream(out, false, StandardCharsets.UTF_8);
        p.print("class,instances,shallowBytes\r\n");
        for (ClassHistogram.Row row : r.shown(0).rows()) {
            p.print(field(row.className()) + "," + row.instances() + "," + row.shallowBytes() + "\r\n");
        }
        p.flush();
    }

    static String field(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
