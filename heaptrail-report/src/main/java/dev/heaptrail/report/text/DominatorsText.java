package dev.heaptrail.report.text;

import dev.heaptrail.analysis.DominatorNode;
import dev.heaptrail.report.Bytes;
import dev.heaptrail.report.DominatorsResult;
import dev.heaptrail.report.HeapTotals;
import dev.heaptrail.report.Renderer;

import java.io.PrintStream;
import java.util.Locale;

/** {@code heaptrail dominators}: the tree's top, one object a line, each level indented under its dominator. */
public final class DominatorsText implements Renderer<DominatorsResult> {

    @Override
    public void render(DominatorsResult r, PrintStream out) {
        header(r.heap(), out);
        out.printf("%12s  %7s  %10s  %s%n", "retained", "", "shallow", "object");
        for (DominatorNode n : r.dominators()) {
            line(r.heap(), n, 0, out);
        }
    }

    /** Reachable and unreachable totals, above both dominator tables. */
    static void header(HeapTotals h, PrintStream out) {
        out.println("reachable:   " + Bytes.count(h.reachableObjects()) + " objects, " + Bytes.human(h.reachableBytes()));
        out.println("unreachable: " + Bytes.count(h.unreachableObjects()) + " objects, " + Bytes.human(h.unreachableBytes())
                + " (garbage, or only softly/weakly referenced: left out)");
        out.println();
    }

    static String percent(HeapTotals h, long bytes) {
        return String.format(Locale.ROOT, "%.1f %%", h.percentOfReachable(bytes));
    }

    private static void line(HeapTotals h, DominatorNode n, int level, PrintStream out) {
        out.printf("%12s  %7s  %10s  %s%s (0x%x)%n", Bytes.human(n.retainedBytes()), percent(h, n.retainedBytes()),
                Bytes.human(n.shallowBytes()), "  ".repeat(level), n.className(), n.address());
        for (DominatorNode c : n.children()) {
            line(h, c, level + 1, out);
        }
    }
}
