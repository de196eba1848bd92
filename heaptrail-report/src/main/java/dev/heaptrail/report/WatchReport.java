package dev.heaptrail.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.heaptrail.live.trend.Trend;
import dev.heaptrail.live.trend.Verdict;
import dev.heaptrail.live.watch.AreaTrend;
import dev.heaptrail.live.watch.JvmMemory;
import dev.heaptrail.live.watch.MemoryWatch;
import dev.heaptrail.live.watch.WatchSample;
import dev.heaptrail.live.watch.WatchVerdict;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;

/** {@code heaptrail watch}: the live line per sample, the CSV rows, and the verdict as text or JSON. */
public final class WatchReport {

    /** How the watch ended, as the report says it. */
    public record Ending(String reason, double intervalSeconds, Double leakSinceSeconds) {}

    private WatchReport() {}

    /** One line for a sample, with the verdict so far. */
    public static String line(MemoryWatch watch, WatchSample s, Verdict soFar) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%7s  rss %9s", clock(watch.seconds(s.epochMillis())), Bytes.human(s.rssBytes())));
        JvmMemory m = s.jvm();
        if (m != null) {
            b.append("  heap ").append(Bytes.human(m.heapUsedBytes())).append(" / ").append(Bytes.human(m.heapCommittedBytes()));
            b.append("  after GC ").append(m.heapAfterGcBytes() < 0 ? "-" : Bytes.human(m.heapAfterGcBytes()));
            b.append("  meta ").append(Bytes.human(m.metaspaceUsedBytes()));
            b.append("  buffers ").append(Bytes.human(m.directBufferBytes() + m.mappedBufferBytes()));
            b.append("  threads ").append(m.threads());
            b.append("  gc ").append(m.gcCount());
        }
        b.append("  [").append(soFar.label()).append(']');
        return b.toString();
    }

    private static String clock(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return s < 3600 ? String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    public static String csvHeader() {
        return "time,elapsedSeconds,rssBytes,peakRssBytes,heapUsedBytes,heapCommittedBytes,heapMaxBytes,heapAfterGcBytes,"
                + "oldGenAfterGcBytes,metaspaceUsedBytes,metaspaceCommittedBytes,codeCacheUsedBytes,directBufferBytes,"
                + "mappedBufferBytes,threads,gcCount,gcTimeMillis";
    }

    public static String csvRow(MemoryWatch watch, WatchSample s) {
        StringBuilder b = new StringBuilder();
        b.append(Instant.ofEpochMilli(s.epochMillis())).append(',')
                .append(String.format(Locale.ROOT, "%.3f", watch.seconds(s.epochMillis()))).append(',')
                .append(s.rssBytes()).append(',').append(s.peakRssBytes());
        JvmMemory m = s.jvm();
        if (m == null) {
            b.append(",,,,,,,,,,,,,");
        } else {
            for (long v : new long[] {m.heapUsedBytes(), m.heapCommittedBytes(), m.heapMaxBytes(), m.heapAfterGcBytes(),
                m.oldGenAfterGcBytes(), m.metaspaceUsedBytes(), m.metaspaceCommittedBytes(), m.codeCacheUsedBytes(),
                m.directBufferBytes(), m.mappedBufferBytes(), m.threads(), m.gcCount(), m.gcTimeMillis()}) {
                b.append(',').append(v);
            }
        }
        return b.toString();
    }

    public static void text(MemoryWatch watch, WatchVerdict v, Ending ending, PrintStream out) {
        int n = watch.samples().size();
        double span = n == 0 ? 0 : watch.seconds(watch.samples().get(n - 1).epochMillis());
        out.printf("process %d (%s): %d samples over %s, %s%n", watch.target().pid(), watch.target().jvm() ? "JVM" : "process",
                n, clock(span), ending.reason());
        Trend t = v.trend();
        out.printf("verdict: %s%s%n", v.verdict().label().toUpperCase(Locale.ROOT),
                v.growingIn() == null ? "" : " in " + v.growingIn().label());
        out.printf("  %s%n", t.reason());
        out.printf("  signal: %s%n", v.lead().signal());
        if (!Double.isNaN(t.slopeBytesPerHour())) {
            out.printf("  growth: %s/h (95 %% interval %s/h to %s/h), Theil–Sen slope; Mann–Kendall p=%s on %d block minima%n",
                    signed(t.slopeBytesPerHour()), signed(t.slopeLow()), signed(t.slopeHigh()), p(t.pValue()), t.blocks());
        }
        if (v.timeToLimitSeconds() != null) {
            out.printf("  reaches %s (%s) in about %s at this rate%n", v.lead().limitName(), Bytes.human(v.lead().limitBytes()),
                    duration(v.timeToLimitSeconds()));
        }
        if (ending.leakSinceSeconds() != null) {
            out.printf("  called a leak since %s into the watch%n", clock(ending.leakSinceSeconds()));
        }
        if (v.areas().size() > 1) {
            out.println("areas:");
            for (AreaTrend a : v.areas()) {
                Trend at = a.trend();
                out.printf("  %-10s %-13s %14s  %s%n", a.area().label(), at.verdict().label(),
                        Double.isNaN(at.slopeBytesPerHour()) ? "" : signed(at.slopeBytesPerHour()) + "/h",
                        a.judged() ? at.reason() : a.signal());
            }
        }
        for (String note : v.notes()) {
            out.println("note: " + note);
        }
    }

    public static void json(MemoryWatch watch, WatchVerdict v, Ending ending, PrintStream out) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            Trend t = v.trend();
            g.writeStartObject();
            g.writeNumberField("pid", watch.target().pid());
            g.writeStringField("kind", watch.target().jvm() ? "jvm" : "process");
            g.writeStringField("verdict", v.verdict().label());
            number(g, "slopeBytesPerHour", t.slopeBytesPerHour());
            number(g, "slopeLow", t.slopeLow());
            number(g, "slopeHigh", t.slopeHigh());
            number(g, "pValue", t.pValue());
            g.writeStringField("growingIn", v.growingIn() == null ? null : v.growingIn().label());
            number(g, "timeToLimitSeconds", v.timeToLimitSeconds() == null ? Double.NaN : v.timeToLimitSeconds());
            g.writeStringField("limit", v.timeToLimitSeconds() == null ? null : v.lead().limitName());
            g.writeStringField("signal", v.lead().signal());
            g.writeStringField("reason", t.reason());
            g.writeStringField("ended", ending.reason());
            number(g, "intervalSeconds", ending.intervalSeconds());
            number(g, "leakSinceSeconds", ending.leakSinceSeconds() == null ? Double.NaN : ending.leakSinceSeconds());
            g.writeArrayFieldStart("areas");
            for (AreaTrend a : v.areas()) {
                Trend at = a.trend();
                g.writeStartObject();
                g.writeStringField("area", a.area().label());
                g.writeStringField("verdict", at.verdict().label());
                g.writeBooleanField("judged", a.judged());
                g.writeStringField("signal", a.signal());
                number(g, "slopeBytesPerHour", at.slopeBytesPerHour());
                number(g, "slopeLow", at.slopeLow());
                number(g, "slopeHigh", at.slopeHigh());
                number(g, "pValue", at.pValue());
                number(g, "levelBytes", at.levelBytes());
                number(g, "minSlopeBytesPerHour", at.minSlopeBytesPerHour());
                g.writeStringField("reason", at.reason());
                number(g, "limitBytes", a.limitBytes() > 0 ? a.limitBytes() : Double.NaN);
                g.writeStringField("limit", a.limitName());
                number(g, "timeToLimitSeconds", a.timeToLimitSeconds() == null ? Double.NaN : a.timeToLimitSeconds());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("notes");
            for (String note : v.notes()) {
                g.writeString(note);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("samples");
            for (WatchSample s : watch.samples()) {
                sample(g, watch, s);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.println();
    }

    private static void sample(JsonGenerator g, MemoryWatch watch, WatchSample s) throws IOException {
        g.writeStartObject();
        g.writeStringField("time", Instant.ofEpochMilli(s.epochMillis()).toString());
        g.writeNumberField("elapsedSeconds", Math.round(watch.seconds(s.epochMillis()) * 1000) / 1000.0);
        g.writeNumberField("rssBytes", s.rssBytes());
        g.writeNumberField("peakRssBytes", s.peakRssBytes());
        JvmMemory m = s.jvm();
        if (m != null) {
            g.writeNumberField("heapUsedBytes", m.heapUsedBytes());
            g.writeNumberField("heapCommittedBytes", m.heapCommittedBytes());
            g.writeNumberField("heapMaxBytes", m.heapMaxBytes());
            g.writeNumberField("heapAfterGcBytes", m.heapAfterGcBytes());
            g.writeNumberField("oldGenAfterGcBytes", m.oldGenAfterGcBytes());
            g.writeNumberField("metaspaceUsedBytes", m.metaspaceUsedBytes());
            g.writeNumberField("metaspaceCommittedBytes", m.metaspaceCommittedBytes());
            g.writeNumberField("codeCacheUsedBytes", m.codeCacheUsedBytes());
            g.writeNumberField("directBufferBytes", m.directBufferBytes());
            g.writeNumberField("mappedBufferBytes", m.mappedBufferBytes());
            g.writeNumberField("threads", m.threads());
            g.writeNumberField("gcCount", m.gcCount());
            g.writeNumberField("gcTimeMillis", m.gcTimeMillis());
        }
        g.writeEndObject();
    }

    /** JSON has no NaN: unknown figures are null. */
    private static void number(JsonGenerator g, String name, double v) throws IOException {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            g.writeNullField(name);
        } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            g.writeNumberField(name, (long) v);
        } else {
            g.writeNumberField(name, v);
        }
    }

    private static String signed(double bytes) {
        return (bytes < 0 ? "-" : "+") + Bytes.human((long) Math.abs(bytes));
    }

    private static String p(double p) {
        return p < 0.0001 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }

    private static String duration(double seconds) {
        if (seconds < 120) {
            return String.format(Locale.ROOT, "%.0f s", seconds);
        }
        if (seconds < 7200) {
            return String.format(Locale.ROOT, "%.0f min", seconds / 60);
        }
        if (seconds < 172800) {
            return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
        }
        return String.format(Locale.ROOT, "%.1f days", seconds / 86400);
    }
}
