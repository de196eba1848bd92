package dev.heaptrail.report.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.heaptrail.live.trend.Trend;
import dev.heaptrail.live.watch.AreaTrend;
import dev.heaptrail.live.watch.JvmMemory;
import dev.heaptrail.live.watch.MemoryWatch;
import dev.heaptrail.live.watch.WatchSample;
import dev.heaptrail.live.watch.WatchVerdict;
import dev.heaptrail.report.Renderer;
import dev.heaptrail.report.WatchResult;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;

/** {@code heaptrail watch --format json}: the verdict, each area's trend, the notes and every sample. */
public final class WatchJson implements Renderer<WatchResult> {

    @Override
    public void render(WatchResult r, PrintStream out) throws IOException {
        MemoryWatch watch = r.watch();
        WatchVerdict v = r.verdict();
        WatchResult.Ending ending = r.ending();
        Json.write(out, Json.Style.PRETTY, g -> {
            Trend t = v.trend();
            g.writeStartObject();
            g.writeNumberField("pid", watch.target().pid());
            g.writeStringField("kind", watch.target().jvm() ? "jvm" : "process");
            g.writeStringField("verdict", v.verdict().label());
            Json.number(g, "slopeBytesPerHour", t.slopeBytesPerHour());
            Json.number(g, "slopeLow", t.slopeLow());
            Json.number(g, "slopeHigh", t.slopeHigh());
            Json.number(g, "pValue", t.pValue());
            g.writeStringField("growingIn", v.growingIn() == null ? null : v.growingIn().label());
            Json.number(g, "timeToLimitSeconds", v.timeToLimitSeconds() == null ? Double.NaN : v.timeToLimitSeconds());
            g.writeStringField("limit", v.timeToLimitSeconds() == null ? null : v.lead().limitName());
            g.writeStringField("signal", v.lead().signal());
            g.writeStringField("reason", t.reason());
            g.writeStringField("ended", ending.reason());
            Json.number(g, "intervalSeconds", ending.intervalSeconds());
            Json.number(g, "leakSinceSeconds", ending.leakSinceSeconds() == null ? Double.NaN : ending.leakSinceSeconds());
            g.writeArrayFieldStart("areas");
            for (AreaTrend a : v.areas()) {
                area(a, g);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("notes");
            for (String note : v.notes()) {
                g.writeString(note);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("samples");
            for (WatchSample s : watch.samples()) {
                sample(g, watch, s);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void area(AreaTrend a, JsonGenerator g) throws IOException {
        Trend at = a.trend();
        g.writeStartObject();
        g.writeStringField("area", a.area().label());
        g.writeStringField("verdict", at.verdict().label());
        g.writeBooleanField("judged", a.judged());
        g.writeStringField("signal", a.signal());
        Json.number(g, "slopeBytesPerHour", at.slopeBytesPerHour());
        Json.number(g, "slopeLow", at.slopeLow());
        Json.number(g, "slopeHigh", at.slopeHigh());
        Json.number(g, "pValue", at.pValue());
        Json.number(g, "levelBytes", at.levelBytes());
        Json.number(g, "minSlopeBytesPerHour", at.minSlopeBytesPerHour());
        g.writeStringField("reason", at.reason());
        Json.number(g, "limitBytes", a.limitBytes() > 0 ? a.limitBytes() : Double.NaN);
        g.writeStringField("limit", a.limitName());
        Json.number(g, "timeToLimitSeconds", a.timeToLimitSeconds() == null ? Double.NaN : a.timeToLimitSeconds());
        g.writeEndObject();
    }

    private static void sample(JsonGenerator g, MemoryWatch watch, WatchSample s) throws IOException {
        g.writeStartObject();
        g.writeStringField("time", Instant.ofEpochMilli(s.epochMillis()).toString());
        g.writeNumberField("elapsedSeconds", Math.round(watch.seconds(s.epochMillis()) * 1000) / 1000.0);
        g.writeNumberField("rssBytes", s.rssBytes());
        g.writeNumberField("peakRssBytes", s.peakRssBytes());
        JvmMemory m = s.jvm();
        if (m != null) {
            g.writeNumberField("heapUsedBytes", m.heapUsedBytes());
            g.writeNumberField("heapCommittedBytes", m.heapCommittedBytes());
            g.writeNumberField("heapMaxBytes", m.heapMaxBytes());
            g.writeNumberField("heapAfterGcBytes", m.heapAfterGcBytes());
            g.writeNumberField("oldGenAfterGcBytes", m.oldGenAfterGcBytes());
            g.writeNumberField("metaspaceUsedBytes", m.metaspaceUsedBytes());
            g.writeNumberField("metaspaceCommittedBytes", m.metaspaceCommittedBytes());
            g.writeNumberField("codeCacheUsedBytes", m.codeCacheUsedBytes());
            g.writeNumberField("directBufferBytes", m.directBufferBytes());
            g.writeNumberField("mappedBufferBytes", m.mappedBufferBytes());
            g.writeNumberField("threads", m.threads());
            g.writeNumberField("gcCount", m.gcCount());
            g.writeNumberField("gcTimeMillis", m.gcTimeMillis());
        }
        g.writeEndObject();
    }
}
