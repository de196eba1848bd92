package dev.heaptrail.report.json;

import dev.heaptrail.heap.DumpSummary;
import dev.heaptrail.hprof.HeapTag;
import dev.heaptrail.hprof.HprofStatistics;
import dev.heaptrail.hprof.HprofTag;
import dev.heaptrail.report.Renderer;

import java.io.IOException;
import java.io.PrintStream;
import java.time.format.DateTimeFormatter;

/** {@code heaptrail info --format json}: the file, its header, the layout and counts of what it holds. */
public final class SummaryJson implements Renderer<DumpSummary> {

    @Override
    public void render(DumpSummary s, PrintStream out) throws IOException {
        HprofStatistics st = s.statistics();
        Json.write(out, Json.Style.PRETTY, g -> {
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
            Json.layout(g, s.histogram().layout());
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
        });
    }
}
