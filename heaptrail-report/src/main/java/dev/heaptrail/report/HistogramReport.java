package dev.heaptrail.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.heaptrail.heap.ClassHistogram;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Renders a class histogram. JSON is a public contract:
 * {@code {"classes":[{"class":"java.lang.String","instances":N,"shallowBytes":B}...],"totalInstances":N,"totalBytes":B}}.
 */
public final class HistogramReport {

    private HistogramReport() {}

    /**
     * @param shown         the rows to print (already filtered and limited); its totals are the whole heap's
     * @param matchingRows  how many rows passed the filter, of which {@code shown} holds the first ones
     * @param allRows       how many classes the heap has
     */
    public static void text(ClassHistogram shown, int matchingRows, int allRows, PrintStream out) {
        String format = "%5s  %14s  %16s  %11s  %s%n";
        out.printf(format, "#", "instances", "shallow bytes", "", "class");
        int rank = 0;
        long shownBytes = 0;
        long shownInstances = 0;
        for (ClassHistogram.Row r : shown.rows()) {
            rank++;
            shownBytes += r.shallowBytes();
            shownInstances += r.instances();
            out.printf(format, rank + ":", Bytes.count(r.instances()), Bytes.count(r.shallowBytes()),
                    "(" + Bytes.human(r.shallowBytes()) + ")", r.className());
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

    public static void json(ClassHistogram shown, OutputStream out) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeArrayFieldStart("classes");
            for (ClassHistogram.Row r : shown.rows()) {
                g.writeStartObject();
                g.writeStringField("class", r.className());
                g.writeNumberField("instances", r.instances());
                g.writeNumberField("shallowBytes", r.shallowBytes());
                g.writeStringField("classId", "0x" + Long.toHexString(r.classId()));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("totalInstances", shown.totalInstances());
            g.writeNumberField("totalBytes", shown.totalBytes());
            LayoutJson.write(g, shown.layout());
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    /** RFC 4180 CSV with a header line: class,instances,shallowBytes. */
    public static void csv(ClassHistogram shown, OutputStream out) {
        PrintStream p = new PrintStream(out, false, StandardCharsets.UTF_8);
        p.print("class,instances,shallowBytes\r\n");
        for (ClassHistogram.Row r : shown.rows()) {
            p.print(csvField(r.className()) + "," + r.instances() + "," + r.shallowBytes() + "\r\n");
        }
        p.flush();
    }

    static String csvField(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
