package dev.heaptrail.report.text;

import dev.heaptrail.alloc.AllocationReport;
import dev.heaptrail.alloc.AllocationSite;
import dev.heaptrail.alloc.Frame;
import dev.heaptrail.alloc.RetentionStep;
import dev.heaptrail.report.Bytes;
import dev.heaptrail.report.Renderer;
import dev.heaptrail.report.SiteFigures;
import dev.heaptrail.report.SitesResult;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code heaptrail alloc} and {@code sites}: what was recorded in one line, the ranked sites as a
 * table, then each site's stack and reference chain where it has them, and the report's notes.
 */
public final class SitesText implements Renderer<SitesResult> {

    @Override
    public void render(SitesResult result, PrintStream out) {
        AllocationReport r = result.report();
        out.println(result.recording() + " (" + r.source().id() + "): duration " + SiteFigures.duration(r) + ", "
                + Bytes.count(r.samples()) + " samples, JVM " + SiteFigures.jvm(r));
        if (!r.survivorSamples()) {
            out.println(SiteFigures.NO_SURVIVOR_SAMPLES);
        }
        if (r.sites().isEmpty()) {
            out.println("no allocation site in this report");
        } else {
            out.println(SiteFigures.ranking(r));
            out.println();
            table(r, out);
            for (AllocationSite s : r.sites()) {
                details(s, out);
            }
        }
        if (!r.notes().isEmpty()) {
            out.println();
            out.println("notes:");
            r.notes().forEach(n -> out.println("  - " + n));
        }
    }

    private static void table(AllocationReport r, PrintStream out) {
        boolean compared = r.comparedTo() != null;
        int siteWidth = "site".length();
        for (AllocationSite s : r.sites()) {
            siteWidth = Math.max(siteWidth, Math.min(70, SiteFigures.name(s).length()));
        }
        String row = "%4s  %10s  %10s" + (compared ? "  %11s" : "%s") + "  %8s  %12s  %-" + siteWidth + "s  %s%n";
        out.printf(row, "#", "surviving", "objects", compared ? "growth" : "", "samples", "allocating", "site", "top class");
        List<String> growing = new ArrayList<>();
        for (AllocationSite s : r.sites()) {
            out.printf(row, s.rank(), SiteFigures.surviving(s), SiteFigures.objects(s), SiteFigures.growth(s),
                    SiteFigures.samples(s), SiteFigures.rate(s), SiteFigures.name(s), SiteFigures.topClass(s));
            if (s.growth() != null && s.growth().growing()) {
                growing.add(Integer.toString(s.rank()));
            }
        }
        if (compared) {
            out.println(growing.isEmpty() ? "no site grows more than sampling alone explains"
                    : "growing more than sampling alone explains: site " + String.join(", ", growing));
        }
    }

    /** A site's whole stack (grouped by trace) and its reference chain, when it has either. */
    private static void details(AllocationSite s, PrintStream out) {
        if (s.frames().size() < 2 && s.path().isEmpty()) {
            return;
        }
        out.println();
        out.println("Site " + s.rank() + ": " + SiteFigures.name(s));
        if (s.frames().size() > 1) {
            out.println("  stack:");
            for (Frame f : s.frames()) {
                out.println("    " + f.describe());
            }
        }
        if (!s.path().isEmpty()) {
            out.println("  held by (the reference chain from a GC root to one surviving object):");
            for (RetentionStep step : s.path()) {
                if (step.skippedBefore() > 0) {
                    out.println("      ... " + Bytes.count(step.skippedBefore()) + (step.skippedBefore() == 1 ? " link" : " links")
                            + " skipped by the recording ...");
                }
                out.println("    " + PathsText.describe(step.step()));
            }
        }
    }
}
