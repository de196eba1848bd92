package dev.heaptrail.report.html;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.heaptrail.live.trend.MemorySeries;
import dev.heaptrail.live.trend.Trend;
import dev.heaptrail.live.watch.AreaTrend;
import dev.heaptrail.live.watch.JvmMemory;
import dev.heaptrail.live.watch.MemoryWatch;
import dev.heaptrail.live.watch.WatchSample;
import dev.heaptrail.live.watch.WatchVerdict;
import dev.heaptrail.report.Bytes;
import dev.heaptrail.report.Renderer;
import dev.heaptrail.report.WatchResult;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

import static dev.heaptrail.report.text.WatchText.duration;
import static dev.heaptrail.report.text.WatchText.p;
import static dev.heaptrail.report.text.WatchText.signed;

/**
 * {@code heaptrail watch --format html}: the verdict and its evidence in the header, the memory
 * series over time, the floor the verdict judges with its Theil–Sen trend and the slope's 95 %
 * interval, each area's row, the notes and how the watch ended. The samples travel as columns of
 * numbers (KiB), one array per series, so ten thousand samples stay well under a megabyte; each
 * series is drawn as one path.
 */
public final class WatchHtml implements Renderer<WatchResult> {

    /** A series of the samples: its key for the script, its name for people, its figure. */
    private record Column(String key, String name, ToLongFunction<WatchSample> value) {}

    private static final List<Column> JVM_COLUMNS = List.of(
            new Column("heapUsed", "heap used", s -> s.jvm().heapUsedBytes()),
            new Column("heapCommitted", "heap committed", s -> s.jvm().heapCommittedBytes()),
            new Column("heapAfterGc", "heap after GC", s -> s.jvm().heapAfterGcBytes()),
            new Column("oldGenAfterGc", "old gen after GC", s -> s.jvm().oldGenAfterGcBytes()),
            new Column("metaspace", "metaspace used", s -> s.jvm().metaspaceUsedBytes()),
            new Column("codeCache", "code cache used", s -> s.jvm().codeCacheUsedBytes()),
            new Column("buffers", "direct and mapped buffers", s -> s.jvm().directBufferBytes() + s.jvm().mappedBufferBytes()));

    @Override
    public void render(WatchResult r, PrintStream out) throws IOException {
        MemoryWatch watch = r.watch();
        WatchVerdict v = r.verdict();
        Trend t = v.trend();
        List<WatchSample> samples = watch.samples();
        int n = samples.size();
        double span = n == 0 ? 0 : watch.seconds(samples.get(n - 1).epochMillis());
        String who = watch.target().pid() > 0 ? "process " + watch.target().pid() : "saved watch";
        StringBuilder b = new StringBuilder(8192);
        b.append("<header>\n<h1>Memory watch <span class=\"recording\">").append(Html.text(who))
                .append(watch.target().jvm() ? " (JVM)" : " (process)").append("</span></h1>\n");
        b.append("<p id=\"verdict\" class=\"verdict ").append(v.verdict().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .append("\" data-verdict=\"").append(Html.text(v.verdict().label())).append("\">")
                .append(Html.text(v.verdict().label().toUpperCase(Locale.ROOT)))
                .append(v.growingIn() == null ? "" : " in " + Html.text(v.growingIn().label()))
                .append("<span class=\"reason\">").append(Html.text(t.reason())).append("</span></p>\n");
        b.append("<dl class=\"facts\">\n");
        DiffPages.fact(b, "signal", v.lead().signal());
        if (!Double.isNaN(t.slopeBytesPerHour())) {
            DiffPages.fact(b, "slope", signed(t.slopeBytesPerHour()) + "/h (95 % interval " + signed(t.slopeLow()) + " to "
                    + signed(t.slopeHigh()) + ")");
            DiffPages.fact(b, "p-value", p(t.pValue()) + " (Mann–Kendall, " + t.blocks() + " block minima)");
        }
        if (v.timeToLimitSeconds() != null) {
            DiffPages.fact(b, "time to limit", "about " + duration(v.timeToLimitSeconds()) + " to " + v.lead().limitName()
                    + " (" + Bytes.human(v.lead().limitBytes()) + ")");
        }
        DiffPages.fact(b, "samples", n + " over " + duration(span) + ", every " + seconds(r.ending().intervalSeconds()));
        DiffPages.fact(b, "ended", r.ending().reason());
        if (r.ending().leakSinceSeconds() != null) {
            DiffPages.fact(b, "a leak since", duration(r.ending().leakSinceSeconds()) + " into the watch");
        }
        b.append("</dl>\n</header>\n");
        b.append("<section class=\"panel\" id=\"memory\">\n<h2>Memory over time</h2>\n")
                .append("<div class=\"series-legend\" id=\"memory-legend\"></div>\n")
                .append("<svg id=\"memory-chart\" role=\"img\" aria-label=\"memory series over the watch\"></svg>\n")
                .append("</section>\n");
        b.append("<section class=\"panel\" id=\"floor\">\n<h2>The floor the verdict judges: ").append(Html.text(v.lead().signal()))
                .append("</h2>\n<svg id=\"floor-chart\" role=\"img\" aria-label=\"the judged floor with its trend\"></svg>\n")
                .append("<p class=\"hint\">Trend: the verdict's Theil–Sen slope, judged on the floor's lowest point in each of"
                        + " 6 to 12 stretches of the watch, drawn through the floor's points (Sen's intercept); the band"
                        + " spans the slope's 95 % interval.</p>\n</section>\n");
        areas(b, v);
        b.append("<section class=\"panel\" id=\"notes\">\n<h2>Notes</h2>\n<ul>\n");
        for (String note : v.notes()) {
            b.append("<li>").append(Html.text(note)).append("</li>\n");
        }
        b.append("<li class=\"ending\">The watch ended: ").append(Html.text(r.ending().reason())).append(".</li>\n");
        b.append("</ul>\n</section>\n");
        String data = Html.json(g -> data(g, r));
        Page.write(out, "heaptrail watch: " + who, b.toString(), data, "watch.js", "Charts drawn",
                List.of(Vendored.D3.LIBRARY), List.of("watch.css"));
    }

    private static void areas(StringBuilder b, WatchVerdict v) {
        b.append("<section class=\"panel\" id=\"areas\">\n<h2>Areas</h2>\n<table id=\"areas-table\">\n<thead><tr><th>area</th>"
                + "<th>verdict</th><th class=\"num\">slope</th><th class=\"num\">level</th><th>limit</th>"
                + "<th class=\"num\">time to limit</th><th>why</th></tr></thead>\n<tbody>\n");
        for (AreaTrend a : v.areas()) {
            Trend at = a.trend();
            b.append("<tr data-area=\"").append(Html.text(a.area().label())).append("\" class=\"")
                    .append(at.verdict().name().toLowerCase(Locale.ROOT).replace('_', '-')).append("\">");
            DiffPages.cell(b, "area", a.area().label());
            DiffPages.cell(b, "verdict", at.verdict().label() + (a.judged() ? "" : " (not judged)"));
            DiffPages.cell(b, "num", Double.isNaN(at.slopeBytesPerHour()) ? "" : signed(at.slopeBytesPerHour()) + "/h");
            DiffPages.cell(b, "num", Double.isNaN(at.levelBytes()) ? "" : Bytes.human((long) at.levelBytes()));
            DiffPages.cell(b, "limit", a.limitBytes() > 0 ? a.limitName() + " " + Bytes.human(a.limitBytes()) : "");
            DiffPages.cell(b, "num", a.timeToLimitSeconds() == null ? "" : duration(a.timeToLimitSeconds()));
            DiffPages.cell(b, "why", a.judged() ? at.reason() + " (" + a.signal() + ")" : a.signal());
            b.append("</tr>\n");
        }
        b.append("</tbody>\n</table>\n</section>\n");
    }

    private static void data(JsonGenerator g, WatchResult r) throws IOException {
        MemoryWatch watch = r.watch();
        WatchVerdict v = r.verdict();
        List<WatchSample> samples = watch.samples();
        g.writeStartObject();
        g.writeStringField("verdict", v.verdict().label());
        g.writeStringField("start", samples.isEmpty() ? null
                : Instant.ofEpochMilli(samples.get(0).epochMillis()).toString());
        // seconds into the watch, to the millisecond; figures in KiB: a chart needs no more
        g.writeArrayFieldStart("t");
        for (WatchSample s : samples) {
            g.writeNumber(Math.round(watch.seconds(s.epochMillis()) * 1000) / 1000.0);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("series");
        column(g, new Column("rss", "resident memory (RSS)", WatchSample::rssBytes), samples);
        boolean jvm = !samples.isEmpty() && samples.stream().allMatch(s -> s.jvm() != null);
        if (jvm) {
            for (Column c : JVM_COLUMNS) {
                column(g, c, samples);
            }
        }
        g.writeEndArray();
        if (jvm) {
            JvmMemory last = samples.get(samples.size() - 1).jvm();
            g.writeNumberField("heapMaxKiB", last.heapMaxBytes() > 0 ? last.heapMaxBytes() / 1024 : -1);
        }
        AreaTrend lead = v.lead();
        Trend t = lead.trend();
        MemorySeries floor = watch.series(lead.area());
        g.writeObjectFieldStart("floor");
        g.writeStringField("area", lead.area().label());
        g.writeStringField("signal", lead.signal());
        g.writeStringField("verdict", t.verdict().label());
        g.writeArrayFieldStart("t");
        for (int i = 0; i < floor.size(); i++) {
            g.writeNumber(Math.round(floor.seconds(i) * 1000) / 1000.0);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("kib");
        for (int i = 0; i < floor.size(); i++) {
            g.writeNumber(Math.round(floor.bytes(i) / 1024));
        }
        g.writeEndArray();
        if (!Double.isNaN(t.slopeBytesPerHour()) && floor.size() > 1) {
            // where the line of the verdict's slope is drawn: through the floor's points as Sen's
            // intercept puts it, the median of each point less the slope's rise, taken mid-watch
            double mid = (floor.seconds(0) + floor.seconds(floor.size() - 1)) / 2;
            double[] offsets = new double[floor.size()];
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] = floor.bytes(i) - t.slopeBytesPerHour() / 3600 * (floor.seconds(i) - mid);
            }
            Arrays.sort(offsets);
            double at = offsets.length % 2 == 1 ? offsets[offsets.length / 2]
                    : (offsets[offsets.length / 2 - 1] + offsets[offsets.length / 2]) / 2;
            g.writeObjectFieldStart("trend");
            g.writeNumberField("anchorSeconds", Math.round(mid * 1000) / 1000.0);
            g.writeNumberField("levelKiB", Math.round(at / 1024));
            g.writeNumberField("slopeKiBPerHour", t.slopeBytesPerHour() / 1024);
            g.writeNumberField("lowKiBPerHour", t.slopeLow() / 1024);
            g.writeNumberField("highKiBPerHour", t.slopeHigh() / 1024);
            g.writeNumberField("pValue", t.pValue());
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void column(JsonGenerator g, Column c, List<WatchSample> samples) throws IOException {
        g.writeStartObject();
        g.writeStringField("key", c.key());
        g.writeStringField("name", c.name());
        g.writeArrayFieldStart("kib");
        for (WatchSample s : samples) {
            long bytes = c.value().applyAsLong(s);
            if (bytes < 0) {
                g.writeNull(); // not known yet (no collection so far): a gap in the line
            } else {
                g.writeNumber(Math.round(bytes / 1024.0));
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static String seconds(double s) {
        if (s < 1) {
            return String.format(Locale.ROOT, "%.0f ms", s * 1000);
        }
        return s < 10 ? String.format(Locale.ROOT, "%.3g s", s) : duration(s);
    }
}
