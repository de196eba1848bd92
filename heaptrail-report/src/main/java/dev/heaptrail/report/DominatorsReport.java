package dev.heaptrail.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.heaptrail.analysis.ClassRetained;
import dev.heaptrail.analysis.DominatorNode;
import dev.heaptrail.analysis.HeapAnalysis;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Renders {@code heaptrail dominators}: the top of the dominator tree, or its top level grouped by class. */
public final class DominatorsReport {

    private DominatorsReport() {}

    public static void text(HeapAnalysis a, List<DominatorNode> nodes, PrintStream out) {
        header(a, out);
        out.printf("%12s  %7s  %10s  %s%n", "retained", "", "shallow", "object");
        for (DominatorNode n : nodes) {
            line(a, n, 0, out);
        }
    }

    public static void textByClass(HeapAnalysis a, List<ClassRetained> classes, PrintStream out) {
        header(a, out);
        out.printf("%12s  %7s  %12s  %10s  %s%n", "retained", "", "objects", "shallow", "class (objects right under the GC roots)");
        for (ClassRetained c : classes) {
            out.printf("%12s  %7s  %12s  %10s  %s%n", Bytes.human(c.retainedBytes()), percent(a, c.retainedBytes()),
                    Bytes.count(c.instances()), Bytes.human(c.shallowBytes()), c.className());
        }
    }

    private static void header(HeapAnalysis a, PrintStream out) {
        out.println("reachable:   " + Bytes.count(a.tree().reachableCount()) + " objects, " + Bytes.human(a.reachableBytes()));
        out.println("unreachable: " + Bytes.count(a.unreachableObjects()) + " objects, " + Bytes.human(a.unreachableBytes())
                + " (garbage, or only softly/weakly referenced: left out)");
        out.println();
    }

    private static void line(HeapAnalysis a, DominatorNode n, int level, PrintStream out) {
        out.printf("%12s  %7s  %10s  %s%s (0x%x)%n", Bytes.human(n.retainedBytes()), percent(a, n.retainedBytes()),
                Bytes.human(n.shallowBytes()), "  ".repeat(level), n.className(), n.address());
        for (DominatorNode c : n.children()) {
            line(a, c, level + 1, out);
        }
    }

    private static String percent(HeapAnalysis a, long bytes) {
        return String.format(Locale.ROOT, "%.1f %%", 100.0 * bytes / Math.max(1, a.reachableBytes()));
    }

    /** {@code {"reachableObjects","reachableBytes","unreachableObjects","unreachableBytes","dominators":[...]}}. */
    public static void json(HeapAnalysis a, List<DominatorNode> nodes, OutputStream out) throws IOException {
        try (JsonGenerator g = generator(out)) {
            g.writeStartObject();
            totals(a, g);
            g.writeArrayFieldStart("dominators");
            for (DominatorNode n : nodes) {
                node(a, n, g);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    /** {@code {..., "classes":[{"class","instances","shallowBytes","retainedBytes","retainedPercent"}]}}. */
    public static void jsonByClass(HeapAnalysis a, List<ClassRetained> classes, OutputStream out) throws IOException {
        try (JsonGenerator g = generator(out)) {
            g.writeStartObject();
            totals(a, g);
            g.writeArrayFieldStart("classes");
            for (ClassRetained c : classes) {
                g.writeStartObject();
                g.writeStringField("class", c.className());
                g.writeNumberField("instances", c.instances());
                g.writeNumberField("shallowBytes", c.shallowBytes());
                g.writeNumberField("retainedBytes", c.retainedBytes());
                g.writeNumberField("retainedPercent", round(100.0 * c.retainedBytes() / Math.max(1, a.reachableBytes())));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private static JsonGenerator generator(OutputStream out) throws IOException {
        JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        return g;
    }

    private static void totals(HeapAnalysis a, JsonGenerator g) throws IOException {
        g.writeNumberField("reachableObjects", a.tree().reachableCount());
        g.writeNumberField("reachableBytes", a.reachableBytes());
        g.writeNumberField("unreachableObjects", a.unreachableObjects());
        g.writeNumberField("unreachableBytes", a.unreachableBytes());
    }

    private static void node(HeapAnalysis a, DominatorNode n, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", "0x" + Long.toHexString(n.address()));
        g.writeStringField("class", n.className());
        g.writeNumberField("shallowBytes", n.shallowBytes());
        g.writeNumberField("retainedBytes", n.retainedBytes());
        g.writeNumberField("retainedPercent", round(100.0 * n.retainedBytes() / Math.max(1, a.reachableBytes())));
        if (!n.children().isEmpty()) {
            g.writeArrayFieldStart("children");
            for (DominatorNode c : n.children()) {
                node(a, c, g);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
