package dev.heaptrail.report.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.heaptrail.analysis.diff.HistogramDiff;
import dev.heaptrail.report.HistogramDiffResult;
import dev.heaptrail.report.Renderer;

import java.io.IOException;
import java.io.PrintStream;

/**
 * {@code {"mode":"histogram","groups":[{"rank","class","growthBytes","growthObjects","bytesBefore","bytesAfter",
 * "objectsBefore","objectsAfter"}],"grown","shrunk","before":{"file","totalObjects","totalBytes"},"after":{...}}}:
 * the field names of the dump diff's groups where they mean the same, a group being one class.
 */
public final class HistogramDiffJson implements Renderer<HistogramDiffResult> {

    @Override
    public void render(HistogramDiffResult r, PrintStream out) throws IOException {
        HistogramDiff d = r.diff();
        Json.write(out, Json.Style.COMPACT, g -> {
            g.writeStartObject();
            g.writeStringField("mode", "histogram");
            g.writeArrayFieldStart("groups");
            int rank = 1;
            for (HistogramDiff.ClassChange c : r.shown()) {
                g.writeStartObject();
                g.writeNumberField("rank", rank++);
                g.writeStringField("class", c.className());
                g.writeNumberField("growthBytes", c.growthBytes());
                g.writeNumberField("growthObjects", c.growthInstances());
                g.writeNumberField("bytesBefore", c.bytesBefore());
                g.writeNumberField("bytesAfter", c.bytesAfter());
                g.writeNumberField("objectsBefore", c.instancesBefore());
                g.writeNumberField("objectsAfter", c.instancesAfter());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("grown", d.grown().size());
            g.writeNumberField("shrunk", d.shrunk());
            summary(g, "before", r.before(), d.before());
            summary(g, "after", r.after(), d.after());
            g.writeEndObject();
        });
    }

    private static void summary(JsonGenerator g, String name, String file, HistogramDiff.Totals t) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeStringField("file", file);
        g.writeNumberField("totalObjects", t.instances());
        g.writeNumberField("totalBytes", t.bytes());
        g.writeEndObject();
    }
}
