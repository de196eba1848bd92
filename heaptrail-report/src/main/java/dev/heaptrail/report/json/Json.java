package dev.heaptrail.report.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.heaptrail.heap.ObjectLayout;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The one place JSON output is made: the generator, its layout, the closing newline, and numbers as
 * the JSON contracts spell them (ids in hex, percentages to two decimals, unknown figures null).
 */
public final class Json {

    /** Compact (one line: the heap analyses, scripts pipe them) or pretty (the live commands, read by people too). */
    public enum Style { COMPACT, PRETTY }

    /** Writes one JSON document's contents. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static final JsonFactory FACTORY = new JsonFactory();

    private Json() {}

    /** One document and a newline to {@code out}, which stays open. */
    public static void write(OutputStream out, Style style, Body body) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            if (style == Style.PRETTY) {
                g.useDefaultPrettyPrinter();
            }
            body.write(g);
            g.writeRaw('\n');
        }
    }

    /** An object id as the dump gives it: {@code "0x7ff3e2a10"}. */
    public static void id(JsonGenerator g, String name, long address) throws IOException {
        g.writeStringField(name, "0x" + Long.toHexString(address));
    }

    /** A percentage to two decimals. */
    public static void percent(JsonGenerator g, String name, double percent) throws IOException {
        g.writeNumberField(name, Math.round(percent * 100) / 100.0);
    }

    /** JSON has no NaN: unknown figures are null; whole ones are written without a fraction. */
    public static void number(JsonGenerator g, String name, double v) throws IOException {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            g.writeNullField(name);
        } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            g.writeNumberField(name, (long) v);
        } else {
            g.writeNumberField(name, v);
        }
    }

    /** The inferred object layout, the same wherever it appears. */
    static void layout(JsonGenerator g, ObjectLayout layout) throws IOException {
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
