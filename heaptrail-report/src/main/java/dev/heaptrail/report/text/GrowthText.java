package dev.heaptrail.report.text;

import dev.heaptrail.report.Bytes;
import dev.heaptrail.report.GrowthResult;
import dev.heaptrail.report.Renderer;

import java.io.PrintStream;

/** {@code heaptrail growth}: a table of the classes that grew, those that grew at every sample marked. */
public final class GrowthText implements Renderer<GrowthResult> {

    @Override
    public void render(GrowthResult r, PrintStream out) {
        out.printf("%-60s %12s %12s %12s %14s  %s%n", "class", "instances", "+instances", "bytes", "+bytes", "");
        for (GrowthResult.ClassGrowth g : r.shown()) {
            out.printf("%-60s %12s %12s %12s %14s  %s%n", g.className(), Bytes.count(g.lastInstances()),
                    "+" + Bytes.count(g.instancesGrowth()), Bytes.human(g.lastBytes()),
                    "+" + Bytes.human(g.bytesGrowth()), g.grewEverySample() ? "grew at every sample" : "");
        }
        if (r.shown().isEmpty()) {
            out.println("no class grew between the first and the last sample");
        } else if (r.shown().size() < r.grew()) {
            out.printf("... %d more classes grew (--top 0 shows all)%n", r.grew() - r.shown().size());
        }
        out.printf("%d samples %s apart, live objects only (a full GC in the target before each)%n", r.samples(), r.interval());
    }
}
