package dev.heaptrail.report.text;

import dev.heaptrail.analysis.diff.DumpDiff;
import dev.heaptrail.analysis.paths.PathStep;
import dev.heaptrail.report.Bytes;
import dev.heaptrail.report.DumpDiffResult;
import dev.heaptrail.report.Renderer;

import java.io.PrintStream;

/** {@code heaptrail diff} of two dumps: each structure's growth, how it is held, its pattern and fix. */
public final class DumpDiffText implements Renderer<DumpDiffResult> {

    @Override
    public void render(DumpDiffResult r, PrintStream out) {
        out.printf("what grew from %s to %s: structures matched by how they are held, most retained growth first%n",
                r.beforeFile(), r.afterFile());
        out.printf("reachable heap: %s, then %s (%s)%n%n", Bytes.human(r.before().reachableBytes()),
                Bytes.human(r.after().reachableBytes()), Bytes.growth(r.after().reachableBytes() - r.before().reachableBytes()));
        int rank = 1;
        for (DumpDiff.GroupChange g : r.shown()) {
            String from = g.before() == null ? "new or under 0.5 %" : Bytes.human(g.retainedBefore());
            String to = g.after() == null ? "gone or under 0.5 %" : Bytes.human(g.retainedAfter());
            out.printf("#%d  %s  (%s → %s)  %s %s objects%s%n", rank++, Bytes.growth(g.growthBytes()), from, to, g.className(),
                    Bytes.countGrowth(g.growthObjects()), g.growthBytes() > 0 ? "  " + g.pattern().title() : "");
            out.println("    held by: " + g.signature());
            for (PathStep step : g.path()) {
                out.println("      " + step.describe());
            }
            if (g.growthBytes() > 0) {
                out.println("    fix: " + g.pattern().advice());
            }
            out.println();
        }
        if (r.shown().isEmpty()) {
            out.println("no structure retains 1 % of either reachable heap");
        } else if (r.shown().size() < r.diff().groups().size()) {
            out.printf("... %d more structures (--top 0 shows all)%n", r.diff().groups().size() - r.shown().size());
        }
        out.println("structures are compared from 1 % of either reachable heap; one under 0.5 % in a dump counts as 0 there;"
                + " a structure the same size in both dumps did not grow, however large");
    }
}
