package dev.heaptrail.report.text;

import dev.heaptrail.live.MemoryBreakdown;
import dev.heaptrail.live.NativeMemory;
import dev.heaptrail.report.Bytes;
import dev.heaptrail.report.NativeResult;
import dev.heaptrail.report.Renderer;

import java.io.PrintStream;

/**
 * {@code heaptrail native}: a JVM's native memory by NMT category (when tracking is on) and its
 * resident memory split into what the management beans account for.
 */
public final class NativeText implements Renderer<NativeResult> {

    @Override
    public void render(NativeResult r, PrintStream out) {
        long pid = r.pid();
        MemoryBreakdown b = r.breakdown();
        NativeMemory.Summary nmt = r.nmt();
        String advice = r.advice();
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
}
