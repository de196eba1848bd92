package dev.heaptrail.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.heaptrail.analysis.HeapAnalysis;
import dev.heaptrail.analysis.paths.PathStep;
import dev.heaptrail.analysis.suspects.LeakSuspect;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Renders {@code heaptrail analyze}: ranked leak suspects with their leak traces. */
public final class SuspectsReport {

    private SuspectsReport() {}

    public static void text(HeapAnalysis a, List<LeakSuspect> suspects, PrintStream out) {
        out.println("heap: " + Bytes.count(a.tree().reachableCount()) + " reachable objects, " + Bytes.human(a.reachableBytes())
                + "; " + Bytes.count(a.unreachableObjects()) + " unreachable or only weakly/softly reachable ("
                + Bytes.human(a.unreachableBytes()) + ", not counted)");
        if (suspects.isEmpty()) {
            out.println("no leak suspect: nothing retains a large share of the heap");
            return;
        }
        for (LeakSuspect s : suspects) {
            out.println();
            out.println("Suspect " + s.rank() + ": " + s.description());
            out.println("  pattern:  " + s.pattern().title());
            out.println("  fix:      " + s.pattern().advice());
            out.printf(Locale.ROOT, "  retained: %s (%.1f %%) under %s (0x%x)%s%n", Bytes.human(s.retainedBytes()), s.retainedPercent(),
                    s.kind(), s.accumulationAddress(), s.elements() >= 0 ? " with " + Bytes.count(s.elements()) + " elements" : "");
            if (s.loaderGroup() != null) {
                out.println("  loaders:  " + Bytes.count(s.loaderGroup().loaders()) + " " + s.kind() + " each defining its own "
                        + s.loaderGroup().duplicatedClass() + "; the trace leads to the largest");
            } else if (s.dominantInstances() > 0) {
                out.println("  made of:  " + Bytes.count(s.dominantInstances()) + " " + s.dominantClass() + " retaining "
                        + Bytes.human(s.dominantBytes()));
            }
            if (s.duplicatedClass() != null) {
                out.println("  copies:   " + Bytes.count(s.duplicatedClass().copies()) + " copies of " + s.duplicatedClass().name()
                        + ", each defined by its own class loader, have objects here");
            }
            for (LeakSuspect.Capture c : s.captured()) {
                out.println("  captures: " + c.field() + " → " + c.className() + " (" + Bytes.human(c.retainedBytes())
                        + " retained, in the largest " + s.dominantClass() + ")");
            }
            for (String advice : s.captureAdvice()) {
                out.println("  capture:  " + advice);
            }
            if (s.thread() != null) {
                out.println("  thread:   " + s.thread());
            }
            out.println("  leak trace:");
            for (PathStep step : s.path()) {
                out.println("    " + PathReport.describe(step));
            }
        }
    }

    /** The JSON contract: {@code {"suspects":[{rank, description, retainedBytes, retainedPercent, pattern, advice, accumulationPoint, dominantClass, path, thread}]}}. */
    public static void json(HeapAnalysis a, List<LeakSuspect> suspects, OutputStream out) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeNumberField("reachableBytes", a.reachableBytes());
            g.writeNumberField("unreachableBytes", a.unreachableBytes());
            g.writeArrayFieldStart("suspects");
            for (LeakSuspect s : suspects) {
                g.writeStartObject();
                g.writeNumberField("rank", s.rank());
                g.writeStringField("description", s.description());
                g.writeNumberField("retainedBytes", s.retainedBytes());
                g.writeNumberField("retainedPercent", Math.round(s.retainedPercent() * 100) / 100.0);
                g.writeStringField("pattern", s.pattern().id());
                g.writeStringField("advice", s.pattern().advice());
                g.writeObjectFieldStart("accumulationPoint");
                g.writeStringField("id", "0x" + Long.toHexString(s.accumulationAddress()));
                g.writeStringField("class", s.kind());
                g.writeStringField("kind", kind(s.kind()));
                g.writeNumberField("elements", s.elements());
                g.writeEndObject();
                g.writeObjectFieldStart("dominantClass");
                g.writeStringField("class", s.dominantClass());
                g.writeNumberField("instances", s.dominantInstances());
                g.writeNumberField("bytes", s.dominantBytes());
                g.writeEndObject();
                g.writeArrayFieldStart("path");
                for (PathStep step : s.path()) {
                    PathReport.step(step, g);
                }
                g.writeEndArray();
                if (s.thread() != null) {
                    g.writeStringField("thread", s.thread());
                } else {
                    g.writeNullField("thread");
                }
                if (s.threadLocal() != null) {
                    g.writeStringField("threadLocal", s.threadLocal());
                }
                if (!s.captured().isEmpty()) {
                    g.writeArrayFieldStart("captured");
                    for (LeakSuspect.Capture c : s.captured()) {
                        g.writeStartObject();
                        g.writeStringField("field", c.field());
                        g.writeStringField("class", c.className());
                        g.writeNumberField("retainedBytes", c.retainedBytes());
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                }
                if (!s.captureAdvice().isEmpty()) {
                    g.writeArrayFieldStart("captureAdvice");
                    for (String advice : s.captureAdvice()) {
                        g.writeString(advice);
                    }
                    g.writeEndArray();
                }
                if (s.duplicatedClass() != null) {
                    g.writeObjectFieldStart("duplicatedClass");
                    g.writeStringField("class", s.duplicatedClass().name());
                    g.writeNumberField("copies", s.duplicatedClass().copies());
                    g.writeNumberField("instances", s.duplicatedClass().instances());
                    g.writeNumberField("bytes", s.duplicatedClass().bytes());
                    g.writeEndObject();
                }
                if (s.loaderGroup() != null) {
                    g.writeObjectFieldStart("loaderGroup");
                    g.writeNumberField("loaders", s.loaderGroup().loaders());
                    g.writeStringField("duplicatedClass", s.loaderGroup().duplicatedClass());
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    /** What kind of holder: map, list, set, queue, array or object. */
    static String kind(String className) {
        String c = className.toLowerCase(Locale.ROOT);
        if (c.endsWith("[]")) {
            return "array";
        }
        for (String k : List.of("map", "set", "queue", "deque", "list", "vector", "stack", "cache")) {
            if (c.endsWith(k)) {
                return k.equals("deque") ? "queue" : k.equals("vector") || k.equals("stack") ? "list" : k;
            }
        }
        return "object";
    }
}
