package dev.heaptrail.report.text;

import dev.heaptrail.live.trend.Trend;
import dev.heaptrail.live.watch.AreaTrend;
import dev.heaptrail.live.watch.MemoryWatch;
import dev.heaptrail.live.watch.WatchVerdict;
import dev.heaptrail.report.Bytes;
import dev.heaptrail.report.Renderer;
import dev.heaptrail.report.WatchResult;

import java.io.PrintStream;
import java.util.Locale;

/** {@code heaptrail watch}: the verdict with its evidence, each area's trend, and the notes. */
public final class WatchText implements Renderer<WatchResult> {

    @Override
    public void render(WatchResult r, PrintStream out) {
        MemoryWatch watch = r.watch();
        WatchVerdict v = r.verdict();
        int n = watch.samples().size();
        double span = n == 0 ? 0 : watch.seconds(watch.samples().get(n - 1).epochMillis());
        out.printf("%s (%s): %d samples over %s, %s%n", watch.target().pid() > 0 ? "process " + watch.target().pid()
                : "saved watch", watch.target().jvm() ? "JVM" : "process", n, WatchLine.clock(span), r.ending().reason());
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
        if (r.ending().leakSinceSeconds() != null) {
            out.printf("  called a leak since %s into the watch%n", WatchLine.clock(r.ending().leakSinceSeconds()));
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

    /** A slope or change: +1.50 MiB, -512 B (also the watch page's). */
    public static String signed(double bytes) {
        return (bytes < 0 ? "-" : "+") + Bytes.human((long) Math.abs(bytes));
    }

    /** A p-value to four decimals, or "<0.0001". */
    public static String p(double p) {
        return p < 0.0001 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }

    /** A time for people: 45 s, 12 min, 3.5 h, 2.0 days. */
    public static String duration(double seconds) {
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
