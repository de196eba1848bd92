package dev.heaptrail.report.html;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.heaptrail.analysis.ClassRetained;
import dev.heaptrail.analysis.DominatorNode;
import dev.heaptrail.report.Bytes;
import dev.heaptrail.report.ClassDominatorsResult;
import dev.heaptrail.report.DominatorsResult;
import dev.heaptrail.report.HeapTotals;
import dev.heaptrail.report.Renderer;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * {@code heaptrail dominators --format html}: the top of the dominator tree as an icicle (d3's
 * partition layout), then as a table; by class, one row of classes.
 */
public final class DominatorsHtml {

    private DominatorsHtml() {}

    /** The tree, each node with the levels under it asked for. */
    public static final class Tree implements Renderer<DominatorsResult> {
        @Override
        public void render(DominatorsResult r, PrintStream out) throws IOException {
            StringBuilder b = header(r.heap());
            b.append("<section class=\"panel\" id=\"table\">\n<h2>Largest retainers</h2>\n<table id=\"dominators-table\">\n<thead><tr>"
                    + "<th>object</th><th class=\"num\">retained</th><th class=\"num\">% of heap</th><th class=\"num\">shallow</th></tr></thead>\n<tbody>\n");
            rows(b, r.heap(), r.dominators(), 0);
            b.append("</tbody>\n</table>\n</section>\n");
            String data = tree(r.heap(), g -> {
                for (DominatorNode n : r.dominators()) {
                    node(g, n);
                }
            });
            Page.write(out, "heaptrail dominators", b.toString(), data, "icicle.js", "Icicle laid out");
        }

        private static void rows(StringBuilder b, HeapTotals heap, List<DominatorNode> nodes, int depth) {
            for (DominatorNode n : nodes) {
                b.append("<tr data-depth=\"").append(Math.min(depth, 6)).append("\"><td><code>")
                        .append(Html.text(n.className() + " (0x" + Long.toHexString(n.address()) + ")")).append("</code></td>");
                DiffPages.cell(b, "num", Bytes.human(n.retainedBytes()));
                DiffPages.cell(b, "num", String.format(Locale.ROOT, "%.1f %%", heap.percentOfReachable(n.retainedBytes())));
                DiffPages.cell(b, "num", Bytes.human(n.shallowBytes()));
                b.append("</tr>\n");
                rows(b, heap, n.children(), depth + 1);
            }
        }

        private static void node(JsonGenerator g, DominatorNode n) throws IOException {
            g.writeStartObject();
            g.writeStringField("name", n.className());
            g.writeStringField("id", "0x" + Long.toHexString(n.address()));
            g.writeNumberField("retained", n.retainedBytes());
            g.writeArrayFieldStart("children");
            for (DominatorNode c : n.children()) {
                node(g, c);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    /** By class: the objects right under the GC roots, grouped. */
    public static final class ByClass implements Renderer<ClassDominatorsResult> {
        @Override
        public void render(ClassDominatorsResult r, PrintStream out) throws IOException {
            StringBuilder b = header(r.heap());
            b.append("<section class=\"panel\" id=\"table\">\n<h2>Largest retainers by class</h2>\n<table id=\"dominators-table\">\n<thead><tr>"
                    + "<th>class</th><th class=\"num\">objects</th><th class=\"num\">retained</th><th class=\"num\">% of heap</th></tr></thead>\n<tbody>\n");
            for (ClassRetained c : r.classes()) {
                b.append("<tr><td class=\"class\"><code>").append(Html.text(c.className())).append("</code></td>");
                DiffPages.cell(b, "num", Bytes.count(c.instances()));
                DiffPages.cell(b, "num", Bytes.human(c.retainedBytes()));
                DiffPages.cell(b, "num", String.format(Locale.ROOT, "%.1f %%", r.heap().percentOfReachable(c.retainedBytes())));
                b.append("</tr>\n");
            }
            b.append("</tbody>\n</table>\n</section>\n");
            String data = tree(r.heap(), g -> {
                for (ClassRetained c : r.classes()) {
                    g.writeStartObject();
                    g.writeStringField("name", c.className());
                    g.writeNumberField("retained", c.retainedBytes());
                    g.writeEndObject();
                }
            });
            Page.write(out, "heaptrail dominators --by-class", b.toString(), data, "icicle.js", "Icicle laid out");
        }
    }

    /** What a node writes its children with. */
    private interface Children {
        void write(JsonGenerator g) throws IOException;
    }

    /** {@code {"tree":{"name":"reachable heap","retained","children":[...]}}}: the heap as the icicle's root. */
    private static String tree(HeapTotals heap, Children children) throws IOException {
        return Html.json(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("tree");
            g.writeStringField("name", "reachable heap");
            g.writeNumberField("retained", Math.max(1, heap.reachableBytes()));
            g.writeArrayFieldStart("children");
            children.write(g);
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private static StringBuilder header(HeapTotals heap) {
        StringBuilder b = new StringBuilder(8192);
        b.append("<header>\n<h1>Dominator tree</h1>\n<dl class=\"facts\">\n");
        DiffPages.fact(b, "reachable", Bytes.human(heap.reachableBytes()) + " in " + Bytes.count(heap.reachableObjects()) + " objects");
        DiffPages.fact(b, "not counted", Bytes.human(heap.unreachableBytes()) + " unreachable or only weakly/softly reachable");
        b.append("</dl>\n</header>\n<section class=\"panel\" id=\"chart\">\n<h2>What retains the heap</h2>\n")
                .append("<p class=\"hint\">Each box is as wide as what it retains, under the object that dominates it; hover for"
                        + " the full name.</p>\n<svg id=\"icicle\" role=\"img\" aria-label=\"dominator tree\"></svg>\n</section>\n");
        return b;
    }
}
