package dev.heaptrail.report.text;

import dev.heaptrail.report.Bytes;
import dev.heaptrail.report.DumpResult;
import dev.heaptrail.report.Renderer;

import java.io.PrintStream;

/** {@code heaptrail dump}: where the dump went, how large it is and how long it took. */
public final class DumpText implements Renderer<DumpResult> {

    @Override
    public void render(DumpResult r, PrintStream out) {
        out.printf("%s  %s (%s bytes) in %.1f s%n", r.file(), Bytes.human(r.bytes()), Bytes.count(r.bytes()), r.seconds());
    }
}
