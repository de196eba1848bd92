package dev.heaptrail.report.text;

import dev.heaptrail.analysis.paths.PathStep;
import dev.heaptrail.analysis.suspects.LeakSuspect;
import dev.heaptrail.report.Bytes;
import dev.heaptrail.report.HeapTotals;
import dev.heaptrail.report.Renderer;
import dev.heaptrail.report.SuspectsResult;

import java.io.PrintStream;
import java.util.Locale;

/** {@code heaptrail analyze}: the heap in one line, then each suspect with its pattern, fix and leak trace. */
public final class SuspectsText implements Renderer<SuspectsResult> {

    @Override
    public void render(SuspectsResult r, PrintStream out) {
        HeapTotals h = r.heap();
        out.println("heap: " + Bytes.count(h.reachableObjects()) + " reachable objects, " + Bytes.human(h.reachableBytes())
                + "; " + Bytes.count(h.unreachableObjects()) + " unreachable or only weakly/softly reachable ("
                + Bytes.human(h.unreachableBytes()) + ", not counted)");
        if (r.suspects().isEmpty()) {
            out.println("no leak suspect: nothing retains a large share of the heap");
            return;
        }
        for (LeakSuspect s : r.suspects()) {
            out.println();
            suspect(s, out, r.suspects().size() > 1);
        }
    }

    /** With {@code ranked}, the line that says why it ranks where it does (one suspect needs none). */
    private static void suspect(LeakSuspect s, PrintStream out, boolean ranked) {
        out.println("Suspect " + s.rank() + ": " + s.description());
        out.println("  pattern:  " + s.pattern().title());
        out.println("  fix:      " + s.pattern().advice());
        out.println("  shape:    " + (s.shape().leakLike() ? "leak-like: " : "not leak-like: ") + s.shape().why());
        if (ranked && s.ranking() != null) {
            out.println("  ranked:   " + s.ranking().why());
        }
        out.printf(Locale.ROOT, "  retained: %s (%.1f %%) under %s (0x%x)%s%n", Bytes.human(s.retainedBytes()), s.retainedPercent(),
                s.kind(), s.accumulationAddress(), s.elements() >= 0 ? " with " + Bytes.count(s.elements()) + " elements" : "");
        if (s.loaderGroup() != null) {
            out.println("  loaders:  " + Bytes.count(s.loaderGroup().loaders()) + " " + s.kind() + " each defining its own "
                    + s.loaderGroup().duplicatedClass() + "; the trace leads to the largest");
        } else if (s.dominantInstances() > 0) {
            out.println("  made of:  " + Bytes.count(s.dominantInstances()) + " " + s.dominantClass() + " retaining "
                    + Bytes.human(s.dominantBytes()) + (s.linkedChain() != null ? ", " + s.linkedChain().howLinked() : ""));
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
        if (s.spread() != null) {
            out.println("  spread:   the same leak under " + s.spread().members().size() + " roots, each held by " + s.spread().anchor()
                    + "; the trace leads to the largest:");
            for (LeakSuspect.Member m : s.spread().members()) {
                out.printf(Locale.ROOT, "    %5.1f %%  %s (0x%x)%s%s%n", m.retainedPercent(), Bytes.human(m.retainedBytes()), m.address(),
                        m.elements() >= 0 ? ", " + Bytes.count(m.elements()) + " elements" : "",
                        m.thread() != null ? ", thread " + m.thread() : "");
            }
        }
        if (s.blockedIn() != null) {
            out.println("  stuck in: " + s.blockedIn() + " (a frame that holds one of the waiting objects)");
        }
        if (s.thread() != null) {
            out.println("  thread:   " + s.thread());
        }
        out.println("  leak trace:");
        for (PathStep step : s.path()) {
            out.println("    " + PathsText.describe(step));
        }
    }
}
