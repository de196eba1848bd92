package dev.heaptrail.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.heaptrail.live.RunningProcess;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/** {@code heaptrail ps}: processes by resident memory, JVMs with their heap. */
public final class ProcessesReport {

    private static final int COMMAND_WIDTH = 80;

    private ProcessesReport() {}

    public static void text(List<RunningProcess> processes, int total, PrintStream out) {
        out.printf("%8s  %-10s %10s %10s  %-32s %-9s %s%n", "PID", "USER", "RSS", "PEAK RSS", "JVM HEAP used / committed / max",
                "JAVA", "COMMAND");
        for (RunningProcess p : processes) {
            String heap = "";
            String java = "";
            if (p.heap() != null) {
                RunningProcess.JvmHeap h = p.heap();
                heap = Bytes.human(h.usedBytes()) + " / " + Bytes.human(h.committedBytes()) + " / "
                        + (h.maxBytes() < 0 ? "none" : Bytes.human(h.maxBytes()));
                java = h.javaVersion();
            } else if (p.jvm()) {
                heap = "(JVM, not attachable)";
            } else if (p.hidden() && p.command().contains("java")) {
                heap = "(" + p.user() + "'s: run as them)";
            }
            String command = p.command().length() > COMMAND_WIDTH ? p.command().substring(0, COMMAND_WIDTH - 3) + "..." : p.command();
            out.printf("%8d  %-10s %10s %10s  %-32s %-9s %s%n", p.pid(), p.user(), Bytes.human(p.rssBytes()),
                    Bytes.human(p.peakRssBytes()), heap, java, command);
        }
        if (processes.size() < total) {
            int more = total - processes.size();
            out.printf("... %d more process%s (--all shows all, --top N more)%n", more, more == 1 ? "" : "es");
        }
    }

    public static void json(List<RunningProcess> processes, int total, PrintStream out) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("processCount", total);
            g.writeArrayFieldStart("processes");
            for (RunningProcess p : processes) {
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
        }
        out.println();
    }
}
