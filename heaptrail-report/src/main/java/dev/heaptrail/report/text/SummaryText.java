package dev.heaptrail.report.text;

import dev.heaptrail.heap.DumpSummary;
import dev.heaptrail.hprof.HeapTag;
import dev.heaptrail.hprof.HprofStatistics;
import dev.heaptrail.hprof.HprofTag;
import dev.heaptrail.report.Bytes;
import dev.heaptrail.report.Renderer;

import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** {@code heaptrail info}: the file, the JVM that wrote it, and counts of what it holds. */
public final class SummaryText implements Renderer<DumpSummary> {

    @Override
    public void render(DumpSummary s, PrintStream out) {
        HprofStatistics st = s.statistics();
        out.println("file:         " + s.file());
        out.println("size:         " + Bytes.count(s.fileSize()) + " bytes (" + Bytes.human(s.fileSize()) + ")"
                + (s.compressed() ? ", gzip-compressed" : ""));
        out.println("format:       " + s.header().version() + ", " + s.header().idSize() + "-byte identifiers");
        out.println("written:      " + DateTimeFormatter.ISO_INSTANT.format(s.header().timestamp().atOffset(ZoneOffset.UTC)));
        out.println("jvm:          " + s.jvm().orElse("unknown (the dump does not say)"));
        out.println("object layout: " + s.histogram().layout().describe());
        out.println();
        out.println("heap:         " + Bytes.count(s.histogram().totalInstances()) + " objects, "
                + Bytes.count(s.histogram().totalBytes()) + " shallow bytes (" + Bytes.human(s.histogram().totalBytes()) + ")");
        out.println("  instances:         " + Bytes.count(st.count(HeapTag.INSTANCE_DUMP)));
        out.println("  object arrays:     " + Bytes.count(st.count(HeapTag.OBJECT_ARRAY_DUMP)));
        out.println("  primitive arrays:  " + Bytes.count(st.count(HeapTag.PRIMITIVE_ARRAY_DUMP)));
        out.println("  classes:           " + Bytes.count(st.count(HeapTag.CLASS_DUMP)));
        out.println("gc roots:     " + Bytes.count(st.roots()));
        for (HeapTag t : HeapTag.values()) {
            if (t.isRoot() && st.count(t) > 0) {
                out.printf("  %-18s %s%n", t.label().substring(5).toLowerCase() + ":", Bytes.count(st.count(t)));
            }
        }
        out.println("records:");
        for (HprofTag t : HprofTag.values()) {
            if (st.count(t) > 0) {
                out.printf("  %-18s %s%n", t.label() + ":", Bytes.count(st.count(t)));
            }
        }
    }
}
