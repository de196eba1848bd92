package dev.heaptrail.report.text;

import dev.heaptrail.analysis.diff.HistogramDiff;
import dev.heaptrail.report.Bytes;
import dev.heaptrail.report.HistogramDiffResult;
import dev.heaptrail.report.Renderer;

import java.io.PrintStream;

/** {@code heaptrail diff} of two histograms: the classes that grew, most bytes first, with before and after. */
public final class HistogramDiffText implements Renderer<HistogramDiffResult> {

    @Override
    public void render(HistogramDiffResult r, PrintStream out) {
        HistogramDiff d = r.diff();
        out.printf("classes grown from %s to %s (class histograms, matched by class name)%n%n", r.before(), r.after());
        out.printf("%4s  %12s  %12s  %12s  %12s  %s%n", "#", "+bytes", "bytes after", "+instances", "instances", "class");
        int rank = 1;
        for (HistogramDiff.ClassChange c : r.shown()) {
            out.printf("%4d  %12s  %12s  %12s  %12s  %s%s%n", rank++, Bytes.growth(c.growthBytes()),
                    Bytes.human(c.bytesAfter()), Bytes.countGrowth(c.growthInstances()),
                    Bytes.count(c.instancesAfter()), c.className(), c.instancesBefore() == 0 ? "  (new)" : "");
        }
        if (d.grown().isEmpty()) {
            out.println("   no class grew");
        } else if (r.shown().size() < d.grown().size()) {
            out.printf("... %d more classes grew (--top 0 shows all)%n", d.grown().size() - r.shown().size());
        }
        out.printf("%nheap: %s in %s objects, then %s in %s objects (%s); %d classes grew (%d new), %d shrank or went away%n",
                Bytes.human(d.before().bytes()), Bytes.count(d.before().instances()), Bytes.human(d.after().bytes()),
                Bytes.count(d.after().instances()), Bytes.growth(d.after().bytes() - d.before().bytes()), d.grown().size(), d.appeared(), d.shrunk());
        out.println("a histogram counts what the heap holds, garbage too unless it was taken after a full GC"
                + " (histo PID, or a dump with live objects only)");
    }
}
