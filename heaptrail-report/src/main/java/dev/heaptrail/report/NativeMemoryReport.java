package dev.heaptrail.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.heaptrail.live.MemoryBreakdown;
import dev.heaptrail.live.NativeMemory;

import java.io.IOException;
import java.io.PrintStream;

/**
 * {@code heaptrail native}: a JVM's native memory by NMT category (when tracking is on) and its
 * resident memory split into what the management beans account for.
 */
public final class NativeMemoryReport {

    private NativeMemoryReport() {}

    /**
     * @param nmt    the NMT summary or diff, null when tracking is off
     * @param advice what to do next, or null
     */
    public static void text(long pid, MemoryBreakdown b, NativeMemory.Summary nmt, String advice, PrintStream out) {
        if (nmt == null) {
            out.printf("process %d: native memory tracking is off%n", pid);
        } else {
            out.printf("process %d: native memory tracking%s%n", pid, nmt.diff() ? ", change since the baseline" : "");
            categories(nmt, out);
        }
        out.println();
        out.printf("%-38s %10s%n", "resident memory (RSS)", Bytes.human(b.rssBytes()));
        part(out, "heap committed", Bytes.human(b.heapCommittedBytes()), "");
        part(out, "metaspace committed", Bytes.human(b.metaspaceCommittedBytes()), "compressed class space included");
        part(out, "code cache committed", Bytes.human(b.codeCacheCommittedBytes()), "");
        part(out, "thread stacks (estimate)", Bytes.human(b.threadStacksBytes()), b.threadStackSizeBytes() > 0
                ? b.threads() + " Java threads × " + Bytes.human(b.threadStackSizeBytes()) + " (ThreadStackSize), each taken whole"
                : b.threads() + " Java threads, ThreadStackSize left to the system: not counted");
        part(out, "direct buffers", Bytes.human(b.directBufferBytes()), "");
        part(out, "mapped buffers", Bytes.human(b.mappedBufferBytes()), "");
        part(out, "unexplained", signed(b.unexplainedBytes()), "RSS minus the above");
        out.println("unexplained: what the JVM mallocs for itself (GC, compiler, symbols), native libraries, their code.");
        if (b.unexplainedBytes() < 0) {
            out.println("  Negative: the parts are committed sizes, and committed pages never touched (a heap not yet");
            out.println("  filled, stacks counted whole) are not resident.");
        }
        if (advice != null) {
            out.println();
            wrap(advice, out);
        }
    }

    /** Long advice in lines of at most 100 characters, broken between words, the later ones indented. */
    private static void wrap(String text, PrintStream out) {
        StringBuilder line = new StringBuilder();
        int start = 0;
        for (String word : text.split(" ")) {
            if (line.length() > start && line.length() + 1 + word.length() > 100) {
                out.println(line);
                line.setLength(0);
                line.append("  ");
                start = 2;
            }
            if (line.length() > start) {
                line.append(' ');
            }
            line.append(word);
        }
        out.println(line);
    }

    private static void part(PrintStream out, String name, String size, String note) {
        out.println(String.format("  %-36s %10s  %s", name, size, note).stripTrailing());
    }

    private static void categories(NativeMemory.Summary nmt, PrintStream out) {
        int width = "category".length();
        for (NativeMemory.Category c : nmt.categories()) {
            width = Math.max(width, c.name().length());
        }
        String head = "%-" + width + "s %11s %11s";
        if (nmt.diff()) {
            out.printf(head + " %13s %13s%n", "category", "reserved", "committed", "reserved +/-", "committed +/-");
            for (NativeMemory.Category c : nmt.categories()) {
                out.printf(head + " %13s %13s%n", c.name(), Bytes.human(c.reservedBytes()), Bytes.human(c.committedBytes()),
                        signed(c.reservedDiffBytes()), signed(c.committedDiffBytes()));
            }
            out.printf(head + " %13s %13s%n", "total", Bytes.human(nmt.totalReservedBytes()),
                    Bytes.human(nmt.totalCommittedBytes()), signed(nmt.totalReservedDiffBytes()),
                    signed(nmt.totalCommittedDiffBytes()));
        } else {
            out.printf(head + "%n", "category", "reserved", "committed");
            for (NativeMemory.Category c : nmt.categories()) {
                out.printf(head + "%n", c.name(), Bytes.human(c.reservedBytes()), Bytes.human(c.committedBytes()));
            }
            out.printf(head + "%n", "total", Bytes.human(nmt.totalReservedBytes()), Bytes.human(nmt.totalCommittedBytes()));
        }
    }

    /** A change or a balance: +1.50 MiB, -512 B, 0 B. */
    private static String signed(long bytes) {
        return (bytes > 0 ? "+" : bytes < 0 ? "-" : "") + Bytes.human(Math.abs(bytes));
    }

    public static void json(long pid, MemoryBreakdown b, NativeMemory.Summary nmt, String advice, PrintStream out)
            throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("pid", pid);
            g.writeBooleanField("nmt", nmt != null);
            g.writeNumberField("rssBytes", b.rssBytes());
            g.writeObjectFieldStart("breakdown");
            g.writeNumberField("heapCommittedBytes", b.heapCommittedBytes());
            g.writeNumberField("metaspaceCommittedBytes", b.metaspaceCommittedBytes());
            g.writeNumberField("codeCacheCommittedBytes", b.codeCacheCommittedBytes());
            g.writeNumberField("threadStacksBytes", b.threadStacksBytes());
            g.writeNumberField("directBufferBytes", b.directBufferBytes());
            g.writeNumberField("mappedBufferBytes", b.mappedBufferBytes());
            g.writeNumberField("unexplainedBytes", b.unexplainedBytes());
            g.writeNumberField("threads", b.threads());
            g.writeEndObject();
            if (nmt != null) {
                g.writeNumberField("totalReservedBytes", nmt.totalReservedBytes());
                g.writeNumberField("totalCommittedBytes", nmt.totalCommittedBytes());
                if (nmt.diff()) {
                    g.writeNumberField("totalReservedDiffBytes", nmt.totalReservedDiffBytes());
                    g.writeNumberField("totalCommittedDiffBytes", nmt.totalCommittedDiffBytes());
                }
                g.writeArrayFieldStart("categories");
                for (NativeMemory.Category c : nmt.categories()) {
                    g.writeStartObject();
                    g.writeStringField("name", c.name());
                    g.writeNumberField("reservedBytes", c.reservedBytes());
                    g.writeNumberField("committedBytes", c.committedBytes());
                    if (nmt.diff()) {
                        g.writeNumberField("reservedDiffBytes", c.reservedDiffBytes());
                        g.writeNumberField("committedDiffBytes", c.committedDiffBytes());
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeStringField("advice", advice);
            g.writeEndObject();
        }
        out.println();
    }
}
