package dev.heaptrail.report.json;

import dev.heaptrail.heap.ClassHistogram;
import dev.heaptrail.report.HistogramResult;
import dev.heaptrail.report.Renderer;

import java.io.IOException;
import java.io.PrintStream;

/**
 * A public contract: {@code {"classes":[{"class":"java.lang.String","instances":N,"shallowBytes":B,"classId":"0x.."}...],
 * "totalInstances":N,"totalBytes":B,"layout":{...}}}; every matching class unless --top says otherwise.
 */
public final class HistogramJson implements Renderer<HistogramResult> {

    @Override
    public void render(HistogramResult r, PrintStream out) throws IOException {
        ClassHistogram shown = r.shown(0);
        Json.write(out, Json.Style.COMPACT, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("classes");
            for (ClassHistogram.Row row : shown.rows()) {
                g.writeStartObject();
                g.writeStringField("class", row.className());
                g.writeNumberField("instances", row.instances());
                g.writeNumberField("shallowBytes", row.shallowBytes());
                Json.id(g, "classId", row.classId());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("totalInstances", shown.totalInstances());
            g.writeNumberField("totalBytes", shown.totalBytes());
            Json.layout(g, shown.layout());
            g.writeEndObject();
        });
    }
}
