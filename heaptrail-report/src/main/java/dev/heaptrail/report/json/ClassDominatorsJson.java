package dev.heaptrail.report.json;

import dev.heaptrail.analysis.ClassRetained;
import dev.heaptrail.report.ClassDominatorsResult;
import dev.heaptrail.report.Renderer;

import java.io.IOException;
import java.io.PrintStream;

/** {@code {..., "classes":[{"class","instances","shallowBytes","retainedBytes","retainedPercent"}]}}. */
public final class ClassDominatorsJson implements Renderer<ClassDominatorsResult> {

    @Override
    public void render(ClassDominatorsResult r, PrintStream out) throws IOException {
        Json.write(out, Json.Style.COMPACT, g -> {
            g.writeStartObject();
            DominatorsJson.totals(r.heap(), g);
            g.writeArrayFieldStart("classes");
            for (ClassRetained c : r.classes()) {
                g.writeStartObject();
                g.writeStringField("class", c.className());
                g.writeNumberField("instances", c.instances());
                g.writeNumberField("shallowBytes", c.shallowBytes());
                g.writeNumberField("retainedBytes", c.retainedBytes());
                Json.percent(g, "retainedPercent", r.heap().percentOfReachable(c.retainedBytes()));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }
}
