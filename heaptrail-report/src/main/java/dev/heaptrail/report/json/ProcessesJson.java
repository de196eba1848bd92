package dev.heaptrail.report.json;

import dev.heaptrail.live.RunningProcess;
import dev.heaptrail.report.ProcessesResult;
import dev.heaptrail.report.Renderer;

import java.io.IOException;
import java.io.PrintStream;

/** {@code {"processCount","processes":[{pid, user, rssBytes, peakRssBytes, kind, command, hidden?, heap*Bytes?, javaVersion?}]}}. */
public final class ProcessesJson implements Renderer<ProcessesResult> {

    @Override
    public void render(ProcessesResult r, PrintStream out) throws IOException {
        Json.write(out, Json.Style.PRETTY, g -> {
            g.writeStartObject();
            g.writeNumberField("processCount", r.total());
            g.writeArrayFieldStart("processes");
            for (RunningProcess p : r.shown()) {
                g.writeStartObject();
                g.writeNumberField("pid", p.pid());
                g.writeStringField("user", p.user());
                g.writeNumberField("rssBytes", p.rssBytes());
                g.writeNumberField("peakRssBytes", p.peakRssBytes());
                g.writeStringField("kind", p.jvm() ? "jvm" : "process");
                g.writeStringField("command", p.command());
                if (p.hidden()) {
                    g.writeBooleanField("hidden", true); // another user's: whether it is a JVM is unknown
                }
                if (p.heap() != null) {
                    g.writeNumberField("heapUsedBytes", p.heap().usedBytes());
                    g.writeNumberField("heapCommittedBytes", p.heap().committedBytes());
                    g.writeNumberField("heapMaxBytes", p.heap().maxBytes());
                    g.writeStringField("javaVersion", p.heap().javaVersion());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }
}
