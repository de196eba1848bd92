package dev.heaptrail.report.text;

import dev.heaptrail.analysis.paths.PathStep;
import dev.heaptrail.report.Bytes;
import dev.heaptrail.report.PathsResult;
import dev.heaptrail.report.Renderer;

import java.io.PrintStream;

/** Paths from GC roots, one step a line, LeakCanary-style; then the objects no strong path reaches. */
public final class PathsText implements Renderer<PathsResult> {

    @Override
    public void render(PathsResult r, PrintStream out) {
        for (PathsResult.TargetPath p : r.paths()) {
            PathStep last = p.target();
            out.printf("%s (0x%x), retaining %s:%n", last.className(), last.address(), Bytes.human(p.retainedBytes()));
            for (PathStep s : p.steps()) {
                out.println("  " + describe(s));
            }
            out.println();
        }
        for (PathsResult.Unreachable u : r.unreachable()) {
            out.printf("%s (0x%x): no strong path from a GC root (garbage, or only weakly/softly referenced)%n",
                    u.className(), u.address());
        }
    }

    /** One step: the root with its kind and thread, or the field or index that holds the next object. */
    public static String describe(PathStep s) {
        return s.describe();
    }
}
