package dev.heaptrail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heaptrail.testkit.ChildProcess;
import dev.heaptrail.testkit.HeadlessChromium;
import dev.heaptrail.testkit.Jdks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTML pages of path, dominators, growth and native, from real dumps and processes, checked in
 * headless Chromium against the same command's JSON: what is drawn is what was found.
 */
class ReportPagesTest {

    private static final Path DIR = Path.of("target", "pages");
    private static final String METRIC = GrowingRegistry.class.getName() + "$Metric";
    private static Path dump;

    @BeforeAll
    static void dumpIt() throws Exception {
        dump = GrowingRegistry.create(DIR)[1];
    }

    private static JsonNode json(String... args) throws Exception {
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return new ObjectMapper().readTree(run.out());
    }

    private static Path page(String name, int exitCode, String... args) throws Exception {
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(exitCode);
        assertThat(run.out()).startsWith("<!DOCTYPE html>");
        return Files.writeString(DIR.resolve(name), run.out());
    }

    private static void clean(HeadlessChromium chromium, String png) throws Exception {
        assertThat(chromium.consoleErrors()).isEmpty();
        assertThat(chromium.requests()).allMatch(u -> u.startsWith("file:") || u.startsWith("data:"));
        chromium.screenshot(DIR.resolve(png));
    }

    @Test
    void pathShowsEachTraceAndThePicture() throws Exception {
        JsonNode paths = json("path", dump.toString(), "--class", METRIC, "--limit", "2", "--format", "json").get("paths");
        Path html = page("path.html", 0, "path", dump.toString(), "--class", METRIC, "--limit", "2", "--format", "html");
        try (HeadlessChromium chromium = HeadlessChromium.open(html, 1280, 900, DIR)) {
            assertThat(chromium.evaluate("document.querySelectorAll('section.path').length").asInt()).isEqualTo(paths.size());
            for (int i = 0; i < paths.size(); i++) {
                assertThat(chromium.evaluate("document.querySelectorAll('#path-" + (i + 1) + " ol.trace li').length").asInt())
                        .isEqualTo(paths.get(i).get("path").size());
            }
            JsonNode classes = chromium.evaluate("[...document.querySelectorAll('#graph g.node')].map(n => n.dataset.class)");
            assertThat(classes.toString()).contains("\"" + METRIC + "\"", "\"java.util.ArrayList\"");
            JsonNode targets = chromium.evaluate("document.querySelectorAll('#graph g.node.target').length");
            assertThat(targets.asInt()).isEqualTo(paths.size());
            clean(chromium, "path.png");
        }
    }

    @Test
    void dominatorsDrawEachNodeAsWideAsItRetains() throws Exception {
        JsonNode json = json("dominators", dump.toString(), "--top", "4", "--depth", "2", "--format", "json");
        List<JsonNode> nodes = new ArrayList<>();
        collect(json.get("dominators"), nodes);
        long reachable = json.get("reachableBytes").asLong();
        Path html = page("dominators.html", 0, "dominators", dump.toString(), "--top", "4", "--depth", "2", "--format", "html");
        try (HeadlessChromium chromium = HeadlessChromium.open(html, 1280, 900, DIR)) {
            JsonNode boxes = chromium.evaluate("[...document.querySelectorAll('#icicle g.box')].map(g => ({label: g.dataset.label,"
                    + " retained: +g.dataset.retained, width: +g.querySelector('rect').getAttribute('width')}))");
            assertThat(boxes).hasSize(nodes.size() + 1);
            double heapWidth = boxes.get(0).get("width").asDouble();
            assertThat(boxes.get(0).get("label").asText()).isEqualTo("reachable heap");
            JsonNode first = boxes.get(1);
            assertThat(first.get("label").asText()).isEqualTo(json.get("dominators").get(0).get("class").asText());
            assertThat(first.get("retained").asLong()).isEqualTo(json.get("dominators").get(0).get("retainedBytes").asLong());
            // d3's partition pads each box by one pixel a level
            assertThat(first.get("width").asDouble()).isCloseTo(heapWidth * first.get("retained").asDouble() / reachable,
                    org.assertj.core.data.Offset.offset(3.0));
            assertThat(chromium.evaluate("document.querySelectorAll('#dominators-table tbody tr').length").asInt()).isEqualTo(nodes.size());
            clean(chromium, "dominators.png");
        }
        JsonNode byClass = json("dominators", dump.toString(), "--by-class", "--top", "5", "--format", "json").get("classes");
        Path classes = page("dominators-by-class.html", 0, "dominators", dump.toString(), "--by-class", "--top", "5", "--format", "html");
        try (HeadlessChromium chromium = HeadlessChromium.open(classes, 1280, 900, DIR)) {
            JsonNode labels = chromium.evaluate("[...document.querySelectorAll('#icicle g.box')].map(g => g.dataset.label)");
            assertThat(labels).hasSize(byClass.size() + 1);
            assertThat(labels.get(1).asText()).isEqualTo(byClass.get(0).get("class").asText());
            clean(chromium, "dominators-by-class.png");
        }
    }

    private static void collect(JsonNode list, List<JsonNode> into) {
        for (JsonNode n : list) {
            into.add(n);
            if (n.has("children")) {
                collect(n.get("children"), into);
            }
        }
    }

    @Test
    void growthDrawsABarPerClassTheGrowingOneFirst() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try (ChildProcess grower = ChildProcess.start(ChildProcess.javaCommand(Path.of(java), List.of("-Xmx256m"),
                LiveCommandsTest.Grower.class.getName(), List.of()))) {
            grower.awaitLine("ready", Duration.ofSeconds(60));
            Path html = page("growth.html", 0, "growth", Long.toString(grower.pid()), "--samples", "3", "--interval", "400ms",
                    "--top", "5", "--format", "html", "--quiet");
            try (HeadlessChromium chromium = HeadlessChromium.open(html, 1280, 900, DIR)) {
                JsonNode bars = chromium.evaluate("[...document.querySelectorAll('#bars g.bar')].map(g => ({label: g.dataset.label,"
                        + " growth: +g.dataset.growth}))");
                int rows = chromium.evaluate("document.querySelectorAll('#growth-table tbody tr').length").asInt();
                assertThat(bars).hasSize(rows).isNotEmpty();
                assertThat(bars.get(0).get("label").asText()).isEqualTo(LiveCommandsTest.Growing.class.getName());
                assertThat(bars.get(0).get("growth").asLong()).isPositive();
                clean(chromium, "growth.png");
            }
        }
    }

    @Test
    void nativeDrawsTheResidentPartsAndTheTrackedCategories() throws Exception {
        try (ChildProcess target = ChildProcess.start(ChildProcess.javaCommand(Jdks.current(),
                List.of("-XX:NativeMemoryTracking=summary", "-Xmx128m"), NativeCommandTest.Target.class.getName(), List.of("8")))) {
            target.await(Pattern.compile("^ready .*"), Duration.ofSeconds(60));
            String pid = Long.toString(target.pid());
            JsonNode json = json("native", pid, "--format", "json");
            Path html = page("native.html", 0, "native", pid, "--format", "html");
            try (HeadlessChromium chromium = HeadlessChromium.open(html, 1280, 900, DIR)) {
                JsonNode bars = chromium.evaluate("[...document.querySelectorAll('#bars g.bar')].map(g => ({label: g.dataset.label,"
                        + " bytes: +g.dataset.growth}))");
                assertThat(bars).hasSize(7);
                assertThat(bars.toString()).contains("heap committed", "direct buffers", "unexplained");
                for (JsonNode bar : bars) {
                    if (bar.get("label").asText().equals("direct buffers")) {
                        // two attaches apart: the same buffers, give or take what the JVM's own tools allocate
                        assertThat(bar.get("bytes").asLong()).isGreaterThanOrEqualTo(8L << 20).isCloseTo(
                                json.get("breakdown").get("directBufferBytes").asLong(), org.assertj.core.data.Offset.offset(1L << 20));
                    }
                }
                assertThat(chromium.evaluate("document.querySelectorAll('#nmt-table tbody tr').length").asInt())
                        .isEqualTo(json.get("categories").size());
                clean(chromium, "native.png");
            }
        }
    }
}
