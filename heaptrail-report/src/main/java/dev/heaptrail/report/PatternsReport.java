package dev.heaptrail.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.heaptrail.analysis.suspects.LeakPattern;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;

/** Renders {@code heaptrail analyze --patterns}: the leak patterns heaptrail can name, in the order they are tried. */
public final class PatternsReport {

    private PatternsReport() {}

    public static void text(List<LeakPattern> patterns, PrintStream out) {
        out.println("leak patterns, in the order they are tried (the first that matches names a suspect):");
        for (LeakPattern p : patterns) {
            out.println();
            out.println(p.id() + ": " + p.title());
            out.println("  fix: " + p.advice());
        }
    }

    /** {@code {"patterns":[{"id", "title", "advice"}]}}, in the order they are tried. */
    public static void json(List<LeakPattern> patterns, OutputStream out) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeArrayFieldStart("patterns");
            for (LeakPattern p : patterns) {
                g.writeStartObject();
                g.writeStringField("id", p.id());
                g.writeStringField("title", p.title());
                g.writeStringField("advice", p.advice());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }
}
