package dev.heaptrail.report.json;

import dev.heaptrail.analysis.suspects.LeakPattern;
import dev.heaptrail.report.PatternsResult;
import dev.heaptrail.report.Renderer;

import java.io.IOException;
import java.io.PrintStream;

/** {@code {"patterns":[{"id","title","advice"}]}}, in the order they are tried. */
public final class PatternsJson implements Renderer<PatternsResult> {

    @Override
    public void render(PatternsResult r, PrintStream out) throws IOException {
        Json.write(out, Json.Style.COMPACT, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("patterns");
            for (LeakPattern p : r.patterns()) {
                g.writeStartObject();
                g.writeStringField("id", p.id());
                g.writeStringField("title", p.title());
                g.writeStringField("advice", p.advice());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }
}
