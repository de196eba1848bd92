package dev.heaptrail.report.dot;

import dev.heaptrail.analysis.graph.ReferenceGraph;
import dev.heaptrail.report.Bytes;
import dev.heaptrail.report.GraphResult;
import dev.heaptrail.report.Renderer;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The picture in Graphviz's language: roots drawn yellow, the objects asked about red, the shortest
 * paths from GC roots drawn bold; each object with its class, id and what it retains; each
 * reference with the field, index or "[entry]" that makes it. Pipe it to {@code dot -Tsvg}.
 */
public final class GraphDot implements Renderer<GraphResult> {

    @Override
    public void render(GraphResult r, PrintStream out) {
        byte[] text = dot(r).getBytes(StandardCharsets.UTF_8);
        out.write(text, 0, text.length);
    }

    /** The DOT text. */
    public static String dot(GraphResult r) {
        StringBuilder b = new StringBuilder(4096);
        b.append("digraph heaptrail {\n");
        b.append("  label=").append(quoted("who holds " + r.about() + " (" + r.dump() + ")")).append("; labelloc=t; fontname=Helvetica;\n");
        b.append("  rankdir=TB; nodesep=0.35; ranksep=0.5;\n");
        b.append("  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", color=\"#8c959f\", fontname=Helvetica, fontsize=10];\n");
        b.append("  edge [color=\"#8c959f\", fontname=Helvetica, fontsize=9, fontcolor=\"#59636e\"];\n");
        for (ReferenceGraph.Node n : r.graph().nodes()) {
            StringBuilder label = new StringBuilder(n.className()).append('\n').append("0x").append(Long.toHexString(n.address()))
                    .append('\n').append("retains ").append(Bytes.human(n.retainedBytes()));
            if (n.rootKind() != null) {
                label.append('\n').append("GC root: ").append(n.rootKind());
            }
            if (n.moreReferrers() > 0) {
                label.append('\n').append("+").append(n.moreReferrers()).append(" more referrer(s)");
            }
            b.append("  n").append(n.id()).append(" [label=").append(quoted(label.toString()));
            if (n.target()) {
                b.append(", fillcolor=\"#fee4e2\", color=\"#b42318\", penwidth=1.5");
            } else if (n.rootKind() != null) {
                b.append(", fillcolor=\"#fff8c5\", color=\"#d4a72c\"");
            }
            b.append("];\n");
        }
        for (ReferenceGraph.Edge e : r.graph().edges()) {
            b.append("  n").append(e.from()).append(" -> n").append(e.to()).append(" [label=").append(quoted(e.label()));
            if (e.shortestPath()) {
                b.append(", penwidth=2, color=\"#1f2328\"");
            }
            b.append("];\n");
        }
        return b.append("}\n").toString();
    }

    /**
     * A DOT string: class and field names come from the dump, so quotes and backslashes are escaped
     * and control characters dropped; a line break is DOT's own "\n".
     */
    static String quoted(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                b.append("\\n");
            } else if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c >= ' ') {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
