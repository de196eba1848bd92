package dev.heaptrail.report.text;

import dev.heaptrail.analysis.ClassRetained;
import dev.heaptrail.report.Bytes;
import dev.heaptrail.report.ClassDominatorsResult;
import dev.heaptrail.report.Renderer;

import java.io.PrintStream;

/** {@code heaptrail dominators --by-class}: one class a line, what its objects right under the roots retain. */
public final class ClassDominatorsText implements Renderer<ClassDominatorsResult> {

    @Override
    public void render(ClassDominatorsResult r, PrintStream out) {
        DominatorsText.header(r.heap(), out);
        out.printf("%12s  %7s  %12s  %10s  %s%n", "retained", "", "objects", "shallow", "class (objects right under the GC roots)");
        for (ClassRetained c : r.classes()) {
            out.printf("%12s  %7s  %12s  %10s  %s%n", Bytes.human(c.retainedBytes()), DominatorsText.percent(r.heap(), c.retainedBytes()),
                    Bytes.count(c.instances()), Bytes.human(c.shallowBytes()), c.className());
        }
    }
}
