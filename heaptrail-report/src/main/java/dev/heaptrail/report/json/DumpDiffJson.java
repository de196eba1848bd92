package dev.heaptrail.report.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.heaptrail.analysis.diff.DumpDiff;
import dev.heaptrail.analysis.paths.PathStep;
import dev.heaptrail.report.DumpDiffResult;
import dev.heaptrail.report.HeapTotals;
import dev.heaptrail.report.Renderer;

import java.io.IOException;
import java.io.PrintStream;

/**
 * A public contract: {@code {"mode":"dumps","groups":[{"rank","signature","path":[...],"retainedBefore","retainedAfter",
 * "growthBytes","growthObjects","class","pattern","advice"}],"before":{"file","reachableBytes","reachableObjects",...},
 * "after":{...}}}; path steps are those of {@code analyze}; {@code retainedBefore} is null for a structure the earlier
 * dump did not have (or had under 0.5 % of its heap), {@code retainedAfter} null for one gone.
 */
public final class DumpDiffJson implements Renderer<DumpDiffResult> {

    @Override
    public void render(DumpDiffResult r, PrintStream out) throws IOException {
        Json.write(out, Json.Style.COMPACT, g -> {
            g.writeStartObject();
            g.writeStringField("mode", "dumps");
            g.writeArrayFieldStart("groups");
            int rank = 1;
            for (DumpDiff.GroupChange c : r.shown()) {
                g.writeStartObject();
                g.writeNumberField("rank", rank++);
                g.writeStringField("signature", c.signature());
                g.writeArrayFieldStart("path");
                for (PathStep step : c.path()) {
                    PathsJson.step(step, g);
                }
                g.writeEndArray();
                nullable(g, "retainedBefore", c.before() == null ? null : c.retainedBefore());
                nullable(g, "retainedAfter", c.after() == null ? null : c.retainedAfter());
                g.writeNumberField("growthBytes", c.growthBytes());
                g.writeNumberField("growthObjects", c.growthObjects());
                g.writeStringField("class", c.className());
                g.writeStringField("pattern", c.pattern().id());
                g.writeStringField("advice", c.pattern().advice());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("grown", r.grown());
            summary(g, "before", r.beforeFile(), r.before());
            summary(g, "after", r.afterFile(), r.after());
            g.writeEndObject();
        });
    }

    private static void nullable(JsonGenerator g, String name, Long value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, value);
        }
    }

    private static void summary(JsonGenerator g, String name, String file, HeapTotals t) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeStringField("file", file);
        g.writeNumberField("reachableBytes", t.reachableBytes());
        g.writeNumberField("reachableObjects", t.reachableObjects());
        g.writeNumberField("unreachableBytes", t.unreachableBytes());
        g.writeNumberField("unreachableObjects", t.unreachableObjects());
        g.writeEndObject();
    }
}
