package dev.heaptrail.report.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.heaptrail.alloc.AllocationReport;
import dev.heaptrail.alloc.AllocationSite;
import dev.heaptrail.alloc.Frame;
import dev.heaptrail.alloc.RetentionStep;
import dev.heaptrail.report.Renderer;
import dev.heaptrail.report.SitesResult;

import java.io.IOException;
import java.io.PrintStream;

/**
 * The JSON contract of {@code alloc} and {@code sites}: {@code {"sites":[{"rank","frames":[{"class","method","line"}],
 * "survivingBytes","survivingObjects","samples","allocatedBytesPerSecond","topClass","path":[...],"growth"?}],
 * "samples","durationSeconds","source","jvm","survivorSamples","comparedTo"?,"notes"}}. A figure the
 * recording cannot give is null, never 0. {@code path} steps are {@code analyze}'s, with
 * {@code "skippedBefore"} where the recording left links out; {@code growth} ({@code {"survivingBytes",
 * "survivingObjects","growing"}}) and {@code comparedTo} are written under {@code --compare} only.
 */
public final class SitesJson implements Renderer<SitesResult> {

    @Override
    public void render(SitesResult result, PrintStream out) throws IOException {
        AllocationReport r = result.report();
        Json.write(out, Json.Style.COMPACT, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("sites");
            for (AllocationSite s : r.sites()) {
                site(s, g);
            }
            g.writeEndArray();
            g.writeNumberField("samples", r.samples());
            number(g, "durationSeconds", r.durationSeconds());
            g.writeStringField("source", r.source().id());
            g.writeStringField("jvm", r.jvm());
            g.writeBooleanField("survivorSamples", r.survivorSamples());
            if (r.comparedTo() != null) {
                g.writeStringField("comparedTo", r.comparedTo());
            }
            g.writeArrayFieldStart("notes");
            for (String note : r.notes()) {
                g.writeString(note);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void site(AllocationSite s, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField("rank", s.rank());
        g.writeArrayFieldStart("frames");
        for (Frame f : s.frames()) {
            g.writeStartObject();
            g.writeStringField("class", f.className());
            g.writeStringField("method", f.method());
            if (f.line() == null) {
                g.writeNullField("line");
            } else {
                g.writeNumberField("line", f.line());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        number(g, "survivingBytes", s.survivingBytes());
        number(g, "survivingObjects", s.survivingObjects());
        g.writeNumberField("samples", s.samples());
        number(g, "allocatedBytesPerSecond", s.allocatedBytesPerSecond());
        g.writeStringField("topClass", s.topClass());
        g.writeArrayFieldStart("path");
        for (RetentionStep step : s.path()) {
            g.writeStartObject();
            PathsJson.stepFields(step.step(), g);
            if (step.skippedBefore() > 0) {
                g.writeNumberField("skippedBefore", step.skippedBefore());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        if (s.growth() != null) {
            g.writeObjectFieldStart("growth");
            number(g, "survivingBytes", s.growth().survivingBytes());
            number(g, "survivingObjects", s.growth().survivingObjects());
            g.writeBooleanField("growing", s.growth().growing());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /** Null when unknown; a whole number without a fraction (as {@link Json#number}). */
    private static void number(JsonGenerator g, String name, Number n) throws IOException {
        if (n == null) {
            g.writeNullField(name);
        } else if (n instanceof Long l) {
            g.writeNumberField(name, l);
        } else {
            Json.number(g, name, n.doubleValue());
        }
    }
}
