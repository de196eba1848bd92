package dev.heaptrail.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heaptrail.heap.ClassHistogram;
import dev.heaptrail.heap.ObjectLayout;
import dev.heaptrail.report.json.Json;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry finds one renderer per result and format, and the renderers write the contracts' exact bytes. */
class RenderersTest {

    private static final GrowthResult GROWTH = new GrowthResult(42, 3, Duration.ofSeconds(2), List.of(
            new GrowthResult.ClassGrowth("byte[]", new long[] {10, 20, 30}, new long[] {1024, 4096, 8192}, true),
            new GrowthResult.ClassGrowth("com.example.Session", new long[] {5, 4, 6}, new long[] {80, 64, 96}, false)), 7);

    @Test
    void everyResultHasATextAndAJsonRendererOnlyTheHistogramCsvAndOnlyTheGraphDotAndSvg() {
        Renderers r = Renderers.standard();
        assertThat(r.resultTypes()).hasSize(16);
        for (Class<?> type : r.resultTypes()) {
            assertThat(r.formats(type)).as(type.getSimpleName())
                    .containsExactlyElementsOf(type == HistogramResult.class
                            ? List.of(OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.CSV)
                            : type == GraphResult.class
                            ? List.of(OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.HTML, OutputFormat.DOT, OutputFormat.SVG)
                            : type == SitesResult.class || type == DumpDiffResult.class || type == HistogramDiffResult.class
                              || type == SuspectsResult.class || type == PatternsResult.class || type == PathsResult.class
                              || type == DominatorsResult.class || type == ClassDominatorsResult.class
                              || type == GrowthResult.class || type == NativeResult.class || type == WatchResult.class
                            ? List.of(OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.HTML)
                            : List.of(OutputFormat.TEXT, OutputFormat.JSON));
        }
        assertThat(r.formats(String.class)).isEmpty();
        assertThat(r.find(GrowthResult.class, OutputFormat.CSV)).isEmpty();
    }

    @Test
    void aNewFormatIsOneRendererPerResultAdded() throws IOException {
        Renderers.Builder b = new Renderers.Builder();
        List<String> seen = new ArrayList<>();
        for (Class<?> type : Renderers.standard().resultTypes()) {
            b.add(type, OutputFormat.CSV, (result, out) -> seen.add(result.getClass().getSimpleName()));
        }
        Renderers withCsv = b.build();
        withCsv.render(GROWTH, OutputFormat.CSV, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(seen).containsExactly("GrowthResult");
        assertThat(withCsv.formats(DumpResult.class)).containsExactly(OutputFormat.CSV);
        assertThatThrownBy(() -> withCsv.render(GROWTH, OutputFormat.JSON, System.out))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no json renderer for GrowthResult");
    }

    @Test
    void growthAsTextAndJson() throws IOException {
        assertThat(render(GROWTH, OutputFormat.TEXT)).isEqualTo(String.format(
                "%-60s %12s %12s %12s %14s  %s%n", "class", "instances", "+instances", "bytes", "+bytes", "")
                + String.format("%-60s %12s %12s %12s %14s  %s%n", "byte[]", "30", "+20", "8.00 KiB", "+7.00 KiB",
                        "grew at every sample")
                + String.format("%-60s %12s %12s %12s %14s  %s%n", "com.example.Session", "6", "+1", "96 B", "+16 B", "")
                + "... 5 more classes grew (--top 0 shows all)\n"
                + "3 samples PT2S apart, live objects only (a full GC in the target before each)\n");
        assertThat(render(GROWTH, OutputFormat.JSON)).isEqualTo("{\"pid\":42,\"samples\":3,\"intervalSeconds\":2.0,\"classes\":["
                + "{\"class\":\"byte[]\",\"instances\":30,\"instancesGrowth\":20,\"bytes\":8192,\"bytesGrowth\":7168,"
                + "\"grewEverySample\":true,\"instancesBySample\":[10,20,30]},"
                + "{\"class\":\"com.example.Session\",\"instances\":6,\"instancesGrowth\":1,\"bytes\":96,\"bytesGrowth\":16,"
                + "\"grewEverySample\":false,\"instancesBySample\":[5,4,6]}]}\n");
    }

    @Test
    void dumpAsTextAndJson() throws IOException {
        DumpResult dump = new DumpResult(7, Path.of("/tmp/x.hprof"), 3 << 20, true, false, 1.25);
        assertThat(render(dump, OutputFormat.TEXT)).isEqualTo("/tmp/x.hprof  3.00 MiB (3,145,728 bytes) in 1.3 s\n");
        assertThat(render(dump, OutputFormat.JSON))
                .isEqualTo("{\"pid\":7,\"file\":\"/tmp/x.hprof\",\"bytes\":3145728,\"live\":true,\"gzip\":false}\n");
    }

    @Test
    void aHistogramShowsAScreenfulOfTextAndAllOfItsJsonAndCsvUnlessTopIsGiven() throws IOException {
        List<ClassHistogram.Row> rows = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            rows.add(new ClassHistogram.Row("C" + i, 0x10 + i, 100 - i, 1000 - i));
        }
        ClassHistogram h = new ClassHistogram(rows, 1, 2, new ObjectLayout(12, 4, false, 8));
        HistogramResult byFormat = new HistogramResult(h, 60, OptionalInt.empty());
        assertThat(render(byFormat, OutputFormat.TEXT)).contains(" 50:  ").doesNotContain(" 51:  ")
                .contains("... 10 more classes (--top 0 shows all)");
        assertThat(new ObjectMapper().readTree(render(byFormat, OutputFormat.JSON)).get("classes")).hasSize(60);
        assertThat(render(byFormat, OutputFormat.CSV).split("\r\n")).hasSize(61).startsWith("class,instances,shallowBytes", "C0,100,1000");
        HistogramResult three = new HistogramResult(h, 60, OptionalInt.of(3));
        JsonNode json = new ObjectMapper().readTree(render(three, OutputFormat.JSON));
        assertThat(json.get("classes")).hasSize(3);
        assertThat(json.get("classes").get(2).get("classId").asText()).isEqualTo("0x12");
        assertThat(render(three, OutputFormat.CSV)).isEqualTo("class,instances,shallowBytes\r\nC0,100,1000\r\nC1,99,999\r\nC2,98,998\r\n");
    }

    @Test
    void jsonNumbersAsTheContractsSpellThem() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Json.write(out, Json.Style.COMPACT, g -> {
            g.writeStartObject();
            Json.number(g, "unknown", Double.NaN);
            Json.number(g, "whole", 3.0);
            Json.number(g, "half", 2.5);
            Json.percent(g, "share", 12.3456);
            Json.id(g, "id", 0x7ff3e2a10L);
            g.writeEndObject();
        });
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"unknown\":null,\"whole\":3,\"half\":2.5,\"share\":12.35,\"id\":\"0x7ff3e2a10\"}\n");
        ByteArrayOutputStream pretty = new ByteArrayOutputStream();
        Json.write(pretty, Json.Style.PRETTY, g -> {
            g.writeStartObject();
            g.writeNumberField("a", 1);
            g.writeEndObject();
        });
        assertThat(pretty.toString(StandardCharsets.UTF_8)).isEqualTo("{\n  \"a\" : 1\n}\n");
    }

    private static String render(Object result, OutputFormat format) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Renderers.standard().render(result, format, out);
        out.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
