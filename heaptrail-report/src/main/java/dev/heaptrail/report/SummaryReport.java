package dev.heaptrail.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.heaptrail.heap.DumpSummary;
import dev.heaptrail.hprof.HeapTag;
import dev.heaptrail.hprof.HprofStatistics;
import dev.heaptrail.hprof.HprofTag;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Renders {@code heaptrail info}. */
public final class SummaryReport {

    private SummaryReport() {}

    public static void text(DumpSummary s, PrintStream out) {
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

    public static void json(DumpSummary s, OutputStream out) throws IOException {
        HprofStatistics st = s.statistics();
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("file", s.file().toString());
            g.writeNumberField("fileSize", s.fileSize());
            g.writeBooleanField("compressed", s.compressed());
            g.writeStringField("format", s.header().version());
            g.writeNumberField("idSize", s.header().idSize());
            g.writeNumberField("timestampMillis", s.header().timestampMillis());
            g.writeStringField("timestamp", DateTimeFormatter.ISO_INSTANT.format(s.header().timestamp()));
            if (s.jvm().isPresent()) {
                g.writeStringField("jvm", s.jvm().get());
            } else {
                g.writeNullField("jvm");
            }
            LayoutJson.write(g, s.histogram().layout());
            g.writeNumberField("objects", st.objects());
            g.writeNumberField("instances", st.count(HeapTag.INSTANCE_DUMP));
            g.writeNumberField("objectArrays", st.count(HeapTag.OBJECT_ARRAY_DUMP));
            g.writeNumberField("primitiveArrays", st.count(HeapTag.PRIMITIVE_ARRAY_DUMP));
            g.writeNumberField("classes", st.count(HeapTag.CLASS_DUMP));
            g.writeNumberField("shallowBytes", s.histogram().totalBytes());
            g.writeNumberField("gcRoots", st.roots());
            g.writeObjectFieldStart("gcRootsByKind");
            for (HeapTag t : HeapTag.values()) {
                if (t.isRoot() && st.count(t) > 0) {
                    g.writeNumberField(t.name(), st.count(t));
                }
            }
            g.writeEndObject();
            g.writeObjectFieldStart("records");
            for (HprofTag t : HprofTag.values()) {
                if (st.count(t) > 0) {
                    g.writeNumberField(t.name(), st.count(t));
                }
            }
            g.writeEndObject();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }
}
