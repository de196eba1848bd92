package dev.heaptrail.report.text;

import dev.heaptrail.analysis.suspects.LeakPattern;
import dev.heaptrail.report.PatternsResult;
import dev.heaptrail.report.Renderer;

import java.io.PrintStream;

/** Each pattern's id and title, and its fix, in the order they are tried. */
public final class PatternsText implements Renderer<PatternsResult> {

    @Override
    public void render(PatternsResult r, PrintStream out) {
        out.println("leak patterns, in the order they are tried (the first that matches names a suspect):");
        for (LeakPattern p : r.patterns()) {
            out.println();
            out.println(p.id() + ": " + p.title());
            out.println("  fix: " + p.advice());
        }
    }
}
