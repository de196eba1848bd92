package dev.heaptrail.report.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.heaptrail.analysis.paths.PathStep;
import dev.heaptrail.report.PathsResult;
import dev.heaptrail.report.Renderer;

import java.io.IOException;
import java.io.PrintStream;

/**
 * {@code {"paths":[{"id","class","retainedBytes","path":[{"rootKind","thread"?,"frame"?,"class","id"},
 * {"class","id","field"|"index","static"?,"threadLocal"?}]}]}}; unreachable objects are left out.
 */
public final class PathsJson implements Renderer<PathsResult> {

    @Override
    public void render(PathsResult r, PrintStream out) throws IOException {
        Json.write(out, Json.Style.COMPACT, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("paths");
            for (PathsResult.TargetPath p : r.paths()) {
                g.writeStartObject();
                Json.id(g, "id", p.target().address());
                g.writeStringField("class", p.target().className());
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
        });
    }

    /** One step as the JSON contracts spell it: {@code {rootKind}} first, then {@code {class, field | index, static?}}. */
    static void step(PathStep s, JsonGenerator g) throws IOException {
        g.writeStartObject();
        stepFields(s, g);
        g.writeEndObject();
    }

    /** The fields of {@link #step}, for a caller that adds its own to the same object (sites' {@code skippedBefore}). */
    static void stepFields(PathStep s, JsonGenerator g) throws IOException {
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
        Json.id(g, "id", s.address());
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
    }
}
