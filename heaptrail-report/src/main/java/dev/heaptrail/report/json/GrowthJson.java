package dev.heaptrail.report.json;

import dev.heaptrail.report.GrowthResult;
import dev.heaptrail.report.Renderer;

import java.io.IOException;
import java.io.PrintStream;

/**
 * {@code {"pid","samples","intervalSeconds","classes":[{"class","instances","instancesGrowth","bytes",
 * "bytesGrowth","grewEverySample","instancesBySample":[..]}]}}.
 */
public final class GrowthJson implements Renderer<GrowthResult> {

    @Override
    public void render(GrowthResult r, PrintStream out) throws IOException {
        Json.write(out, Json.Style.COMPACT, g -> {
            g.writeStartObject();
            g.writeNumberField("pid", r.pid());
            g.writeNumberField("samples", r.samples());
            g.writeNumberField("intervalSeconds", r.interval().toMillis() / 1000.0);
            g.writeArrayFieldStart("classes");
            for (GrowthResult.ClassGrowth c : r.shown()) {
                g.writeStartObject();
                g.writeStringField("class", c.className());
                g.writeNumberField("instances", c.lastInstances());
                g.writeNumberField("instancesGrowth", c.instancesGrowth());
                g.writeNumberField("bytes", c.lastBytes());
                g.writeNumberField("bytesGrowth", c.bytesGrowth());
                g.writeBooleanField("grewEverySample", c.grewEverySample());
                g.writeArrayFieldStart("instancesBySample");
                for (long v : c.instances()) {
                    g.writeNumber(v);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }
}
