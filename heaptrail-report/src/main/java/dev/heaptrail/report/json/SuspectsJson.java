package dev.heaptrail.report.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.heaptrail.analysis.paths.PathStep;
import dev.heaptrail.analysis.suspects.LeakSuspect;
import dev.heaptrail.report.Renderer;
import dev.heaptrail.report.SuspectsResult;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The JSON contract of {@code analyze}: {@code {"reachableBytes","unreachableBytes","suspects":[{rank,
 * description, retainedBytes, retainedPercent, pattern, advice, leakLike, why, evidence, ranking{score, why},
 * accumulationPoint, dominantClass, path, thread, threadLocal?, captured?, captureAdvice?, duplicatedClass?,
 * spread{anchor, over, members[{id, retainedBytes, retainedPercent, elements, thread}]}?, blockedIn?,
 * loaderGroup?, linkedChain{nodeClass, nodes, links, tree}?}]}}.
 */
public final class SuspectsJson implements Renderer<SuspectsResult> {

    @Override
    public void render(SuspectsResult r, PrintStream out) throws IOException {
        Json.write(out, Json.Style.COMPACT, g -> {
            g.writeStartObject();
            g.writeNumberField("reachableBytes", r.heap().reachableBytes());
            g.writeNumberField("unreachableBytes", r.heap().unreachableBytes());
            g.writeArrayFieldStart("suspects");
            for (LeakSuspect s : r.suspects()) {
                suspect(s, g);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void suspect(LeakSuspect s, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField("rank", s.rank());
        g.writeStringField("description", s.description());
        g.writeNumberField("retainedBytes", s.retainedBytes());
        Json.percent(g, "retainedPercent", s.retainedPercent());
        g.writeStringField("pattern", s.pattern().id());
        g.writeStringField("advice", s.pattern().advice());
        g.writeBooleanField("leakLike", s.shape().leakLike());
        g.writeStringField("why", s.shape().why());
        g.writeStringField("evidence", s.shape().evidence().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        if (s.ranking() != null) {
            g.writeObjectFieldStart("ranking");
            Json.percent(g, "score", s.ranking().score());
            g.writeStringField("why", s.ranking().why());
            g.writeEndObject();
        }
        g.writeObjectFieldStart("accumulationPoint");
        Json.id(g, "id", s.accumulationAddress());
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
            PathsJson.step(step, g);
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
        if (s.spread() != null) {
            spread(s.spread(), g);
        }
        if (s.blockedIn() != null) {
            g.writeStringField("blockedIn", s.blockedIn());
        }
        if (s.loaderGroup() != null) {
            g.writeObjectFieldStart("loaderGroup");
            g.writeNumberField("loaders", s.loaderGroup().loaders());
            g.writeStringField("duplicatedClass", s.loaderGroup().duplicatedClass());
            g.writeEndObject();
        }
        if (s.linkedChain() != null) {
            g.writeObjectFieldStart("linkedChain");
            g.writeStringField("nodeClass", s.linkedChain().nodeClassName());
            g.writeNumberField("nodes", s.linkedChain().nodes());
            g.writeArrayFieldStart("links");
            for (String link : s.linkedChain().links()) {
                g.writeString(link);
            }
            g.writeEndArray();
            g.writeBooleanField("tree", s.linkedChain().tree());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void spread(LeakSuspect.Spread spread, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("spread");
        g.writeStringField("anchor", spread.anchor());
        g.writeNumberField("over", spread.members().size());
        g.writeArrayFieldStart("members");
        for (LeakSuspect.Member m : spread.members()) {
            g.writeStartObject();
            Json.id(g, "id", m.address());
            g.writeNumberField("retainedBytes", m.retainedBytes());
            Json.percent(g, "retainedPercent", m.retainedPercent());
            g.writeNumberField("elements", m.elements());
            if (m.thread() != null) {
                g.writeStringField("thread", m.thread());
            } else {
                g.writeNullField("thread");
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
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
