package dev.heaptrail.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.heaptrail.analysis.paths.PathStep;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;

/** Renders paths from GC roots, one step a line, LeakCanary-style. */
public final class PathReport {

    private PathReport() {}

    /** A path with the retained size of the object it leads to. */
    public record TargetPath(long retainedBytes, List<PathStep> steps) {}

    public static void text(List<TargetPath> paths, PrintStream out) {
        for (TargetPath p : paths) {
            PathStep last = p.steps().get(p.steps().size() - 1);
            out.printf("%s (0x%x), retaining %s:%n", last.className(), last.address(), Bytes.human(p.retainedBytes()));
            for (PathStep s : p.steps()) {
                out.println("  " + describe(s));
            }
            out.println();
        }
    }

    static String describe(PathStep s) {
        String object = s.className() + " (0x" + Long.toHexString(s.address()) + ")";
        if (s.rootKind() != null) {
            String thread = s.thread() == null ? ""
                    : s.rootKind().equals("thread object") ? " thread \"" + s.thread() + "\""
                    : " in thread \"" + s.thread() + "\"";
            return "GC root (" + s.rootKind() + ") " + object + thread + (s.frame() != null ? " at " + s.frame() : "");
        }
        if (s.threadLocal() != null) {
            object += " for ThreadLocal " + s.threadLocal();
        }
        if (s.index() >= 0) {
            return "  [" + s.index() + "] → " + object;
        }
        return "  ." + s.field() + (s.isStatic() ? " (static)" : "") + " → " + object;
    }

    /** {@code {"paths":[{"id","class","retainedBytes","path":[{"rootKind","thread"?,"frame"?,"class","id"},{"class","id","field"|"index","static"?,"threadLocal"?}]}]}}. */
    public static void json(List<TargetPath> paths, OutputStream out) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeArrayFieldStart("paths");
            for (TargetPath p : paths) {
                PathStep last = p.steps().get(p.steps().size() - 1);
                g.writeStartObject();
                g.writeStringField("id", "0x" + Long.toHexString(last.address()));
                g.writeStringField("class", last.className());
                g.writeNumberField("retainedBytes", p.retainedBytes());
                g.writeArrayFieldStart("path");
                for (PathStep s : p.steps()) {
                    step(s, g);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    /** One step as the JSON contracts spell it: {@code {rootKind}} first, then {@code {class, field | index, static?}}. */
    public static void step(PathStep s, JsonGenerator g) throws IOException {
        g.writeStartObject();
        if (s.rootKind() != null) {
            g.writeStringField("rootKind", s.rootKind());
            if (s.thread() != null) {
                g.writeStringField("thread", s.thread());
            }
            if (s.frame() != null) {
                g.writeStringField("frame", s.frame());
            }
        }
        g.writeStringField("class", s.className());
        g.writeStringField("id", "0x" + Long.toHexString(s.address()));
        if (s.threadLocal() != null) {
            g.writeStringField("threadLocal", s.threadLocal());
        }
        if (s.rootKind() == null) {
            if (s.index() >= 0) {
                g.writeNumberField("index", s.index());
            } else {
                g.writeStringField("field", s.field());
                if (s.isStatic()) {
                    g.writeBooleanField("static", true);
                }
            }
        }
        g.writeEndObject();
    }
}
