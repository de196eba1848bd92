package dev.heaptrail.report.html;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.heaptrail.alloc.AllocationReport;
import dev.heaptrail.alloc.Frame;
import dev.heaptrail.alloc.SurvivingStack;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's stacks merged into one tree, outermost frame at the root as a flame graph draws
 * them: {@code {"unit","root":{"n","s","j"?,"c":[...]}}}, where {@code n} is the frame, {@code s}
 * the bytes of stacks that end there, {@code j} marks a JDK frame and {@code c} holds the callees.
 */
final class FlameData {

    /** One frame in the tree: the same frame under different callers is a different node. */
    static final class Node {
        final String name;
        final boolean jdk;
        long self;
        final Map<String, Node> callees = new LinkedHashMap<>();

        Node(String name, boolean jdk) {
            this.name = name;
            this.jdk = jdk;
        }

        long total() {
            long sum = self;
            for (Node c : callees.values()) {
                sum += c.total();
            }
            return sum;
        }

        int size() {
            int n = 1;
            for (Node c : callees.values()) {
                n += c.size();
            }
            return n;
        }
    }

    private FlameData() {}

    /** The tree of {@code stacks}, under a root named "all stacks". */
    static Node tree(List<SurvivingStack> stacks) {
        Node root = new Node("all stacks", false);
        for (SurvivingStack stack : stacks) {
            Node at = root;
            List<Frame> outermostFirst = new ArrayList<>(stack.frames());
            Collections.reverse(outermostFirst);
            for (Frame f : outermostFirst) {
                at = at.callees.computeIfAbsent(f.describe(), name -> new Node(name, f.isJdk()));
            }
            at.self += stack.bytes();
        }
        return root;
    }

    /** The data island of a page: the tree and what its bytes are. */
    static String json(AllocationReport r) throws IOException {
        Node root = tree(r.stacks());
        return Html.json(g -> {
            g.writeStartObject();
            g.writeStringField("unit", r.survivorSamples() ? "surviving" : "allocated");
            g.writeFieldName("root");
            write(root, g);
            g.writeEndObject();
        });
    }

    private static void write(Node n, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("n", n.name);
        g.writeNumberField("s", n.self);
        if (n.jdk) {
            g.writeBooleanField("j", true);
        }
        if (!n.callees.isEmpty()) {
            g.writeArrayFieldStart("c");
            for (Node c : n.callees.values()) {
                write(c, g);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }
}
