package dev.heaptrail.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.heaptrail.heap.ObjectLayout;

import java.io.IOException;

/** The inferred object layout as a JSON object, the same wherever it appears. */
final class LayoutJson {

    private LayoutJson() {}

    static void write(JsonGenerator g, ObjectLayout layout) throws IOException {
        g.writeObjectFieldStart("layout");
        g.writeNumberField("headerBytes", layout.headerBytes());
        g.writeNumberField("referenceBytes", layout.referenceBytes());
        g.writeNumberField("alignment", layout.alignment());
        g.writeBooleanField("compressedOops", layout.compressedOops());
        g.writeBooleanField("compressedClassPointers", layout.compressedClassPointers());
        g.writeBooleanField("compactHeaders", layout.compactHeaders());
        g.writeEndObject();
    }
}
