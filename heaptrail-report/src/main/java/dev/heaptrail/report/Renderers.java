package dev.heaptrail.report;

import dev.heaptrail.heap.DumpSummary;
import dev.heaptrail.report.csv.HistogramCsv;
import dev.heaptrail.report.dot.GraphDot;
import dev.heaptrail.report.dot.GraphSvg;
import dev.heaptrail.report.html.DominatorsHtml;
import dev.heaptrail.report.html.GraphHtml;
import dev.heaptrail.report.html.GrowthHtml;
import dev.heaptrail.report.html.NativeHtml;
import dev.heaptrail.report.html.PathsHtml;
import dev.heaptrail.report.html.PatternsHtml;
import dev.heaptrail.report.html.SitesHtml;
import dev.heaptrail.report.html.SuspectsHtml;
import dev.heaptrail.report.json.GraphJson;
import dev.heaptrail.report.text.GraphText;
import dev.heaptrail.report.json.ClassDominatorsJson;
import dev.heaptrail.report.json.DominatorsJson;
import dev.heaptrail.report.json.DumpJson;
import dev.heaptrail.report.json.GrowthJson;
import dev.heaptrail.report.json.HistogramDiffJson;
import dev.heaptrail.report.json.DumpDiffJson;
import dev.heaptrail.report.html.DumpDiffHtml;
import dev.heaptrail.report.html.HistogramDiffHtml;
import dev.heaptrail.report.json.HistogramJson;
import dev.heaptrail.report.json.NativeJson;
import dev.heaptrail.report.json.PatternsJson;
import dev.heaptrail.report.json.PathsJson;
import dev.heaptrail.report.json.ProcessesJson;
import dev.heaptrail.report.json.SitesJson;
import dev.heaptrail.report.json.SummaryJson;
import dev.heaptrail.report.json.SuspectsJson;
import dev.heaptrail.report.json.WatchJson;
import dev.heaptrail.report.html.WatchHtml;
import dev.heaptrail.report.text.ClassDominatorsText;
import dev.heaptrail.report.text.DominatorsText;
import dev.heaptrail.report.text.DumpText;
import dev.heaptrail.report.text.GrowthText;
import dev.heaptrail.report.text.HistogramDiffText;
import dev.heaptrail.report.text.DumpDiffText;
import dev.heaptrail.report.text.HistogramText;
import dev.heaptrail.report.text.NativeText;
import dev.heaptrail.report.text.PatternsText;
import dev.heaptrail.report.text.PathsText;
import dev.heaptrail.report.text.ProcessesText;
import dev.heaptrail.report.text.SitesText;
import dev.heaptrail.report.text.SummaryText;
import dev.heaptrail.report.text.SuspectsText;
import dev.heaptrail.report.text.WatchText;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The renderers by result type and format: where a command's result meets the format the user
 * chose. Immutable and safe to share between threads once built.
 */
public final class Renderers {

    private static final Renderers STANDARD = new Builder()
            .add(SuspectsResult.class, OutputFormat.TEXT, new SuspectsText())
            .add(SuspectsResult.class, OutputFormat.JSON, new SuspectsJson())
            .add(SuspectsResult.class, OutputFormat.HTML, new SuspectsHtml())
            .add(PatternsResult.class, OutputFormat.TEXT, new PatternsText())
            .add(PatternsResult.class, OutputFormat.JSON, new PatternsJson())
            .add(PatternsResult.class, OutputFormat.HTML, new PatternsHtml())
            .add(DominatorsResult.class, OutputFormat.TEXT, new DominatorsText())
            .add(DominatorsResult.class, OutputFormat.JSON, new DominatorsJson())
            .add(DominatorsResult.class, OutputFormat.HTML, new DominatorsHtml.Tree())
            .add(ClassDominatorsResult.class, OutputFormat.TEXT, new ClassDominatorsText())
            .add(ClassDominatorsResult.class, OutputFormat.JSON, new ClassDominatorsJson())
            .add(ClassDominatorsResult.class, OutputFormat.HTML, new DominatorsHtml.ByClass())
            .add(PathsResult.class, OutputFormat.TEXT, new PathsText())
            .add(PathsResult.class, OutputFormat.JSON, new PathsJson())
            .add(PathsResult.class, OutputFormat.HTML, new PathsHtml())
            .add(HistogramResult.class, OutputFormat.TEXT, new HistogramText())
            .add(HistogramResult.class, OutputFormat.JSON, new HistogramJson())
            .add(HistogramResult.class, OutputFormat.CSV, new HistogramCsv())
            .add(DumpSummary.class, OutputFormat.TEXT, new SummaryText())
            .add(DumpSummary.class, OutputFormat.JSON, new SummaryJson())
            .add(GrowthResult.class, OutputFormat.TEXT, new GrowthText())
            .add(GrowthResult.class, OutputFormat.JSON, new GrowthJson())
            .add(GrowthResult.class, OutputFormat.HTML, new GrowthHtml())
            .add(HistogramDiffResult.class, OutputFormat.TEXT, new HistogramDiffText())
            .add(HistogramDiffResult.class, OutputFormat.JSON, new HistogramDiffJson())
            .add(DumpDiffResult.class, OutputFormat.TEXT, new DumpDiffText())
            .add(DumpDiffResult.class, OutputFormat.JSON, new DumpDiffJson())
            .add(DumpDiffResult.class, OutputFormat.HTML, new DumpDiffHtml())
            .add(HistogramDiffResult.class, OutputFormat.HTML, new HistogramDiffHtml())
            .add(DumpResult.class, OutputFormat.TEXT, new DumpText())
            .add(DumpResult.class, OutputFormat.JSON, new DumpJson())
            .add(WatchResult.class, OutputFormat.TEXT, new WatchText())
            .add(WatchResult.class, OutputFormat.JSON, new WatchJson())
            .add(WatchResult.class, OutputFormat.HTML, new WatchHtml())
            .add(NativeResult.class, OutputFormat.TEXT, new NativeText())
            .add(NativeResult.class, OutputFormat.JSON, new NativeJson())
            .add(NativeResult.class, OutputFormat.HTML, new NativeHtml())
            .add(ProcessesResult.class, OutputFormat.TEXT, new ProcessesText())
            .add(ProcessesResult.class, OutputFormat.JSON, new ProcessesJson())
            .add(SitesResult.class, OutputFormat.TEXT, new SitesText())
            .add(SitesResult.class, OutputFormat.JSON, new SitesJson())
            .add(SitesResult.class, OutputFormat.HTML, new SitesHtml())
            .add(GraphResult.class, OutputFormat.TEXT, new GraphText())
            .add(GraphResult.class, OutputFormat.JSON, new GraphJson())
            .add(GraphResult.class, OutputFormat.DOT, new GraphDot())
            .add(GraphResult.class, OutputFormat.SVG, new GraphSvg())
            .add(GraphResult.class, OutputFormat.HTML, new GraphHtml())
            .build();

    private final Map<Class<?>, Map<OutputFormat, Renderer<?>>> byType;

    private Renderers(Map<Class<?>, Map<OutputFormat, Renderer<?>>> byType) {
        this.byType = byType;
    }

    /** Every result heaptrail's commands produce, each in the formats it has. */
    public static Renderers standard() {
        return STANDARD;
    }

    /** The result types registered, in the order they were. */
    public Set<Class<?>> resultTypes() {
        return Collections.unmodifiableSet(byType.keySet());
    }

    /** The formats {@code type} can be rendered in, in {@link OutputFormat} order; empty for an unknown type. */
    public Set<OutputFormat> formats(Class<?> type) {
        Map<OutputFormat, Renderer<?>> m = byType.get(type);
        return m == null ? EnumSet.noneOf(OutputFormat.class) : EnumSet.copyOf(m.keySet());
    }

    @SuppressWarnings("unchecked") // add() keys each renderer by the type it renders
    public <R> Optional<Renderer<R>> find(Class<R> type, OutputFormat format) {
        Map<OutputFormat, Renderer<?>> m = byType.get(type);
        return Optional.ofNullable(m == null ? null : (Renderer<R>) m.get(format));
    }

    /** Renders {@code result} in {@code format}; an {@link IllegalArgumentException} when it has no such renderer. */
    @SuppressWarnings("unchecked")
    public <R> void render(R result, OutputFormat format, PrintStream out) throws IOException {
        Class<R> type = (Class<R>) result.getClass();
        find(type, format).orElseThrow(() -> new IllegalArgumentException(
                        "no " + format.label() + " renderer for " + type.getSimpleName()))
                .render(result, out);
    }

    /** Registers renderers; the last one added for a type and format wins. */
    public static final class Builder {
        private final Map<Class<?>, Map<OutputFormat, Renderer<?>>> byType = new LinkedHashMap<>();

        public <R> Builder add(Class<R> type, OutputFormat format, Renderer<? super R> renderer) {
            byType.computeIfAbsent(type, t -> new EnumMap<>(OutputFormat.class)).put(format, renderer);
            return this;
        }

        public Renderers build() {
            Map<Class<?>, Map<OutputFormat, Renderer<?>>> copy = new LinkedHashMap<>();
            byType.forEach((t, m) -> copy.put(t, Collections.unmodifiableMap(new EnumMap<>(m))));
            return new Renderers(Collections.unmodifiableMap(copy));
        }
    }
}
