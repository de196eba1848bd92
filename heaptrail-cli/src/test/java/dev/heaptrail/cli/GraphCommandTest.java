package dev.heaptrail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heaptrail.testkit.HeadlessChromium;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code heaptrail graph} and {@code analyze --format html} on a real dump of {@link GrowingRegistry}
 * (a catalog and a registry, each a static ArrayList): the same picture in every format, the pages
 * checked in headless Chromium.
 */
class GraphCommandTest {

    private static final Path DIR = Path.of("target", "graph");
    private static final String PROGRAM = GrowingRegistry.class.getName();
    private static final String METRIC = PROGRAM + "$Metric";
    private static Path dump;

    @BeforeAll
    static void dumpIt() throws Exception {
        dump = GrowingRegistry.create(DIR)[1];
    }

    private static JsonNode json(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("graph", dump.toString()));
        all.addAll(List.of(args));
        all.addAll(List.of("--format", "json"));
        CliRun run = CliRun.of(all.toArray(new String[0]));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return new ObjectMapper().readTree(run.out());
    }

    private static JsonNode node(JsonNode graph, int index) {
        return graph.get("nodes").get(index);
    }

    @Test
    void twoMetricsAreHeldByTheRegistryListThroughItsStaticField() throws Exception {
        JsonNode g = json("--class", METRIC, "--limit", "2", "--depth", "0");
        List<JsonNode> targets = new ArrayList<>();
        g.get("nodes").forEach(n -> {
            if (n.get("target").asBoolean()) {
                targets.add(n);
            }
        });
        assertThat(targets).hasSize(2).allSatisfy(n -> assertThat(n.get("class").asText()).isEqualTo(METRIC));
        assertThat(g.get("nodes")).noneMatch(n -> n.get("class").asText().equals("java.lang.Object[]"));
        Set<String> labels = new HashSet<>();
        int fromList = 0;
        for (JsonNode e : g.get("edges")) {
            JsonNode from = node(g, e.get("from").asInt());
            JsonNode to = node(g, e.get("to").asInt());
            labels.add(from.get("class").asText() + " " + e.get("label").asText() + " " + to.get("class").asText());
            assertThat(e.get("shortestPath").asBoolean()).isTrue();
            if (from.get("class").asText().equals("java.util.ArrayList") && to.get("class").asText().equals(METRIC)) {
                fromList++;
            }
        }
        assertThat(labels).contains("class " + PROGRAM + " .REGISTRY (static) java.util.ArrayList",
                "java.util.ArrayList [entry] " + METRIC);
        assertThat(fromList).isEqualTo(2);
        assertThat(g.get("nodes")).filteredOn(n -> !n.get("rootKind").isNull()).isNotEmpty();
        // what each box says it retains is what analyze's dominator tree says
        JsonNode list = null;
        for (JsonNode n : g.get("nodes")) {
            if (n.get("class").asText().equals("java.util.ArrayList")) {
                list = n;
            }
        }
        assertThat(list).isNotNull();
        assertThat(list.get("retainedBytes").asLong()).isEqualTo(registryRetained());
    }

    @Test
    void dotAndSvgDrawTheSameGraph() throws Exception {
        JsonNode g = json("--class", METRIC, "--limit", "2");
        CliRun dot = CliRun.of("graph", dump.toString(), "--class", METRIC, "--limit", "2", "--format", "dot");
        assertThat(dot.exitCode()).as(dot.err()).isZero();
        assertThat(dot.out()).startsWith("digraph heaptrail {").contains("label=\".REGISTRY (static)\"", "label=\"[entry]\"");
        assertThat(dot.out().lines().filter(l -> l.contains(" -> "))).hasSize(g.get("edges").size());
        assertThat(dot.out().lines().filter(l -> l.matches("\\s+n\\d+ \\[label=.*"))).hasSize(g.get("nodes").size());

        CliRun svg = CliRun.of("graph", dump.toString(), "--class", METRIC, "--limit", "2", "--format", "svg");
        assertThat(svg.exitCode()).as(svg.err()).isZero();
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.out().getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getNodeName()).isEqualTo("svg");
        int nodes = 0;
        int edges = 0;
        var groups = doc.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            String cls = groups.item(i).getAttributes().getNamedItem("class").getNodeValue();
            nodes += cls.equals("node") ? 1 : 0;
            edges += cls.equals("edge") ? 1 : 0;
        }
        assertThat(nodes).isEqualTo(g.get("nodes").size());
        assertThat(edges).isEqualTo(g.get("edges").size());
        assertThat(svg.out()).contains(".REGISTRY (static)");
        Files.writeString(DIR.resolve("metrics.svg"), svg.out());
    }

    @Test
    void theGraphPageLaysOutEveryNodeAndEdgeInTheBrowser() throws Exception {
        JsonNode g = json("--class", METRIC, "--limit", "2");
        CliRun html = CliRun.of("graph", dump.toString(), "--class", METRIC, "--limit", "2", "--format", "html");
        assertThat(html.exitCode()).as(html.err()).isZero();
        Path page = Files.writeString(DIR.resolve("graph.html"), html.out());
        try (HeadlessChromium chromium = HeadlessChromium.open(page, 1280, 900, DIR)) {
            JsonNode nodes = chromium.evaluate("[...document.querySelectorAll('#graph g.node')].map(n => { const r ="
                    + " n.getBoundingClientRect(); return {cls: n.dataset.class, x: r.x, y: r.y, w: r.width, h: r.height}; })");
            assertThat(nodes).hasSize(g.get("nodes").size());
            List<String> classes = new ArrayList<>();
            nodes.forEach(n -> classes.add(n.get("cls").asText()));
            assertThat(classes).contains(METRIC, "java.util.ArrayList", "class " + PROGRAM);
            // laid out: every box drawn, none on top of another
            for (int i = 0; i < nodes.size(); i++) {
                JsonNode a = nodes.get(i);
                assertThat(a.get("w").asDouble()).isPositive();
                for (int j = i + 1; j < nodes.size(); j++) {
                    JsonNode b = nodes.get(j);
                    boolean apart = a.get("x").asDouble() + a.get("w").asDouble() <= b.get("x").asDouble() + 0.5
                            || b.get("x").asDouble() + b.get("w").asDouble() <= a.get("x").asDouble() + 0.5
                            || a.get("y").asDouble() + a.get("h").asDouble() <= b.get("y").asDouble() + 0.5
                            || b.get("y").asDouble() + b.get("h").asDouble() <= a.get("y").asDouble() + 0.5;
                    assertThat(apart).as("%s and %s overlap", a, b).isTrue();
                }
            }
            assertThat(chromium.evaluate("document.querySelectorAll('#graph path.edge').length").asInt()).isEqualTo(g.get("edges").size());
            JsonNode labels = chromium.evaluate("[...document.querySelectorAll('#graph text.label')].map(t => t.textContent)");
            assertThat(labels.toString()).contains(".REGISTRY (static)", "[entry]");
            assertThat(chromium.evaluate("document.querySelector('footer').textContent").asText())
                    .contains("d3 7.9.0 (ISC licence)", "dagre 3.1.3 (MIT licence)");
            assertThat(chromium.consoleErrors()).isEmpty();
            assertThat(chromium.requests()).allMatch(u -> u.startsWith("file:") || u.startsWith("data:"));
            chromium.screenshot(DIR.resolve("graph.png"));
        }
    }

    @Test
    void analyzeDrawsWhoHoldsItsFirstSuspectAboveEachSuspectsTraceAndFix() throws Exception {
        JsonNode suspects = new ObjectMapper().readTree(CliRun.of("analyze", dump.toString(), "--format", "json").out()).get("suspects");
        JsonNode first = suspects.get(0);
        CliRun html = CliRun.of("analyze", dump.toString(), "--format", "html");
        assertThat(html.exitCode()).as(html.err()).isEqualTo(ExitCodes.FINDING);
        Path page = Files.writeString(DIR.resolve("analyze.html"), html.out());
        try (HeadlessChromium chromium = HeadlessChromium.open(page, 1280, 900, DIR)) {
            assertThat(chromium.evaluate("document.querySelectorAll('section.suspect').length").asInt()).isEqualTo(suspects.size());
            assertThat(chromium.evaluate("document.querySelectorAll('#suspect-1 ol.trace li').length").asInt())
                    .isEqualTo(first.get("path").size());
            String staticField = first.get("path").get(first.get("path").size() - 1).get("field").asText();
            assertThat(chromium.evaluate("document.querySelector('#suspect-1').textContent").asText())
                    .contains(staticField, first.get("advice").asText());
            JsonNode classes = chromium.evaluate("[...document.querySelectorAll('#graph g.node')].map(n => n.dataset.class)");
            assertThat(classes.toString()).contains("\"java.util.ArrayList\"", "\"" + first.get("dominantClass").get("class").asText() + "\"");
            JsonNode labels = chromium.evaluate("[...document.querySelectorAll('#graph text.label')].map(t => t.textContent)");
            assertThat(labels.toString()).contains("." + staticField + " (static)", "[entry]");
            assertThat(chromium.consoleErrors()).isEmpty();
            chromium.screenshot(DIR.resolve("analyze.png"));
        }
    }

    @Test
    void badUseIsAUsageError() {
        CliRun none = CliRun.of("graph", dump.toString(), "--class", "no.such.Thing");
        assertThat(none.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err()).contains("no object of class no.such.Thing");
        CliRun depth = CliRun.of("graph", dump.toString(), "--object", "0x1", "--depth", "-1");
        assertThat(depth.exitCode()).isEqualTo(ExitCodes.USAGE);
        CliRun csv = CliRun.of("graph", dump.toString(), "--object", "0x1", "--format", "csv");
        assertThat(csv.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(csv.oneLineError()).contains("graph prints text, json, html, dot or svg, not csv");
    }

    /** What analyze says the registry list retains. */
    private static long registryRetained() throws Exception {
        CliRun run = CliRun.of("analyze", dump.toString(), "--threshold", "1", "--top", "50", "--format", "json");
        for (JsonNode s : new ObjectMapper().readTree(run.out()).get("suspects")) {
            JsonNode path = s.get("path");
            if (path.get(path.size() - 1).path("field").asText().equals("REGISTRY")) {
                return s.get("retainedBytes").asLong();
            }
        }
        throw new AssertionError("analyze found no REGISTRY suspect: " + run.out());
    }
}
