package dev.heaptrail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heaptrail.testkit.HeadlessChromium;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** heaptrail diff of two class histograms saved by histo from two real dumps of one JVM. */
class DiffCommandTest {

    private static final Path DIR = Path.of("target", "diff");
    private static final String METRIC = GrowingRegistry.class.getName() + "$Metric";
    private static final String ITEM = GrowingRegistry.class.getName() + "$CatalogItem";
    private static Path[] dumps;
    private static Path beforeJson;
    private static Path afterCsv;
    private static Path afterJson;

    @BeforeAll
    static void twoMomentsOfOneJvm() throws Exception {
        dumps = GrowingRegistry.create(DIR);
        beforeJson = save("before.json", dumps[0], "json");
        afterCsv = save("after.csv", dumps[1], "csv");
        afterJson = save("after.json", dumps[1], "json");
    }

    private static Path save(String name, Path dump, String format) throws Exception {
        CliRun histo = CliRun.of("histo", dump.toString(), "--format", format);
        assertThat(histo.exitCode()).as(histo.err()).isZero();
        return Files.writeString(DIR.resolve(name), histo.out());
    }

    @Test
    void theGrowingRegistryRanksFirstAndTheLargerStableCatalogNotAtAll() throws Exception {
        CliRun run = CliRun.of("diff", beforeJson.toString(), afterCsv.toString(), "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("mode").asText()).isEqualTo("histogram");
        JsonNode first = json.get("groups").get(0);
        // the Metric objects' long[] buckets grew by as many bytes as their holders; the holder class ranks by its own
        JsonNode metric = group(json, METRIC);
        assertThat(metric.get("objectsBefore").asLong()).isEqualTo(GrowingRegistry.METRICS_BEFORE);
        assertThat(metric.get("objectsAfter").asLong()).isEqualTo(GrowingRegistry.METRICS_AFTER);
        assertThat(metric.get("growthObjects").asLong()).isEqualTo(GrowingRegistry.METRICS_AFTER - GrowingRegistry.METRICS_BEFORE);
        assertThat(metric.get("growthBytes").asLong())
                .isEqualTo(bytes(afterJson, METRIC) - bytes(beforeJson, METRIC)).isPositive();
        assertThat(first.get("rank").asInt()).isEqualTo(1);
        assertThat(first.get("class").asText()).as(run.out()).isIn("long[]", METRIC);
        assertThat(first.get("growthBytes").asLong()).isGreaterThanOrEqualTo(metric.get("growthBytes").asLong());
        // the catalog is the larger structure, and it did not grow: not among the grown at all
        assertThat(bytes(afterJson, ITEM)).isEqualTo(bytes(beforeJson, ITEM)).isPositive();
        for (JsonNode g : json.get("groups")) {
            assertThat(g.get("class").asText()).isNotEqualTo(ITEM);
            assertThat(g.get("growthBytes").asLong() > 0 || g.get("growthObjects").asLong() > 0).isTrue();
        }
        assertThat(json.get("before").get("file").asText()).isEqualTo(beforeJson.toString());
        assertThat(json.get("after").get("totalBytes").asLong()).isGreaterThan(json.get("before").get("totalBytes").asLong());
    }

    @Test
    void textShowsTheRankedClassesAndTopCutsThem() {
        CliRun run = CliRun.of("diff", beforeJson.toString(), afterJson.toString(), "--top", "3");
        assertThat(run.exitCode()).as(run.err()).isZero();
        String metricRow = run.out().lines().filter(l -> l.endsWith(" " + METRIC)).findFirst().orElseThrow();
        assertThat(metricRow).contains("+4,000", "5,000");
        assertThat(run.out()).doesNotContain(ITEM).contains("more classes grew (--top 0 shows all)");
        assertThat(run.out().lines().filter(l -> l.matches("^\\s+\\d+  .*"))).hasSize(3);
    }

    @Test
    void theSameHistogramTwiceGrewNowhere() throws Exception {
        CliRun run = CliRun.of("diff", afterJson.toString(), afterCsv.toString(), "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("groups")).isEmpty();
        assertThat(json.get("shrunk").asInt()).isZero();
        // backwards, everything that grew shrank
        JsonNode back = new ObjectMapper().readTree(CliRun.of("diff", afterJson.toString(), beforeJson.toString(), "--format", "json").out());
        assertThat(back.get("shrunk").asInt()).isPositive();
        assertThat(back.get("groups").findValuesAsText("class")).doesNotContain(METRIC);
    }

    /**
     * Two dumps: the registry that grew ranks first, matched across the dumps by how it is held, with
     * what analyze says it retains in each; the larger catalog, the same in both, ranks below it.
     */
    @Test
    void twoDumpsRankTheGrowingRegistryAboveTheLargerStableCatalog() throws Exception {
        CliRun run = CliRun.of("diff", dumps[0].toString(), dumps[1].toString(), "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.FINDING);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("mode").asText()).isEqualTo("dumps");
        JsonNode registry = json.get("groups").get(0);
        assertThat(registry.get("rank").asInt()).isEqualTo(1);
        assertThat(registry.get("signature").asText()).as(run.out())
                .endsWith("class " + GrowingRegistry.class.getName() + " .REGISTRY (static) java.util.ArrayList");
        assertThat(registry.get("class").asText()).isEqualTo(METRIC);
        assertThat(registry.get("growthObjects").asLong()).isEqualTo(GrowingRegistry.METRICS_AFTER - GrowingRegistry.METRICS_BEFORE);
        assertThat(registry.get("retainedBefore").asLong()).isEqualTo(retained(dumps[0], "REGISTRY"));
        assertThat(registry.get("retainedAfter").asLong()).isEqualTo(retained(dumps[1], "REGISTRY"));
        assertThat(registry.get("growthBytes").asLong())
                .isEqualTo(registry.get("retainedAfter").asLong() - registry.get("retainedBefore").asLong()).isPositive();
        assertThat(registry.get("pattern").asText()).isEqualTo("unbounded-static-collection");
        assertThat(registry.get("advice").asText()).isNotBlank();
        JsonNode last = registry.get("path").get(registry.get("path").size() - 1);
        assertThat(last.get("field").asText()).isEqualTo("REGISTRY");
        assertThat(last.get("class").asText()).isEqualTo("java.util.ArrayList");

        JsonNode catalog = null;
        for (JsonNode g : json.get("groups")) {
            if (g.get("signature").asText().endsWith(".CATALOG_ITEMS (static) java.util.ArrayList")) {
                catalog = g;
            }
        }
        assertThat(catalog).as(run.out()).isNotNull();
        assertThat(catalog.get("retainedAfter").asLong()).as("the catalog is the larger structure")
                .isGreaterThan(registry.get("retainedAfter").asLong() * 2);
        assertThat(catalog.get("growthBytes").asLong()).isZero();
        assertThat(catalog.get("growthObjects").asLong()).isZero();
        assertThat(catalog.get("rank").asInt()).isGreaterThan(1);
        assertThat(json.get("after").get("reachableBytes").asLong()).isGreaterThan(json.get("before").get("reachableBytes").asLong());
    }

    @Test
    void backwardsNothingGrewAndTheSecondRunReusesBothIndexes() throws Exception {
        CliRun back = CliRun.of("diff", dumps[1].toString(), dumps[0].toString(), "--format", "json");
        assertThat(back.exitCode()).as(back.out()).isEqualTo(ExitCodes.OK);
        JsonNode json = new ObjectMapper().readTree(back.out());
        JsonNode groups = json.get("groups");
        JsonNode shrunk = groups.get(groups.size() - 1);
        assertThat(shrunk.get("signature").asText()).endsWith(".REGISTRY (static) java.util.ArrayList");
        assertThat(shrunk.get("growthBytes").asLong()).isNegative();
        assertThat(back.err()).contains("reusing the index in " + dumps[1].toAbsolutePath() + ".heaptrail-index",
                "reusing the index in " + dumps[0].toAbsolutePath() + ".heaptrail-index");

        CliRun text = CliRun.of("diff", dumps[0].toString(), dumps[1].toString(), "--top", "1");
        assertThat(text.out()).contains("#1  +", ".REGISTRY (static) → java.util.ArrayList", "fix: ", "+4,000 objects")
                .doesNotContain("CATALOG_ITEMS").contains("more structures (--top 0 shows all)");
    }

    /** Both diff pages in a real browser: one bar per structure or class shown, the growing one first. */
    @Test
    void thePagesDrawABarPerGroupTheGrowingOneFirst() throws Exception {
        CliRun dumpsPage = CliRun.of("diff", dumps[0].toString(), dumps[1].toString(), "--format", "html", "--top", "5");
        assertThat(dumpsPage.exitCode()).as(dumpsPage.err()).isEqualTo(ExitCodes.FINDING);
        JsonNode shown = new ObjectMapper().readTree(CliRun.of("diff", dumps[0].toString(), dumps[1].toString(), "--format", "json",
                "--top", "5").out()).get("groups");
        Path page = Files.writeString(DIR.resolve("dumps.html"), dumpsPage.out());
        try (HeadlessChromium chromium = HeadlessChromium.open(page, 1280, 900, DIR)) {
            JsonNode bars = chromium.evaluate("[...document.querySelectorAll('#bars g.bar')].map(g => ({label: g.dataset.label,"
                    + " growth: +g.dataset.growth, width: g.querySelector('rect').getBoundingClientRect().width}))");
            assertThat(bars).hasSize(shown.size());
            assertThat(bars.get(0).get("label").asText()).isEqualTo(shown.get(0).get("signature").asText()).contains(".REGISTRY");
            assertThat(bars.get(0).get("growth").asLong()).isEqualTo(shown.get(0).get("growthBytes").asLong());
            for (JsonNode bar : bars) {
                assertThat(bar.get("width").asDouble()).as("the first bar is the longest").isLessThanOrEqualTo(bars.get(0).get("width").asDouble());
            }
            assertThat(chromium.evaluate("document.querySelectorAll('#groups-table tbody tr').length").asInt()).isEqualTo(shown.size());
            assertThat(chromium.evaluate("document.querySelector('#groups-table details[open]').textContent").asText())
                    .contains(".REGISTRY (static)", "java.util.ArrayList");
            assertThat(chromium.consoleErrors()).isEmpty();
            chromium.screenshot(DIR.resolve("dumps.png"));
        }

        CliRun classesPage = CliRun.of("diff", beforeJson.toString(), afterCsv.toString(), "--format", "html");
        assertThat(classesPage.exitCode()).isZero();
        Path classes = Files.writeString(DIR.resolve("classes.html"), classesPage.out());
        try (HeadlessChromium chromium = HeadlessChromium.open(classes, 1280, 900, DIR)) {
            JsonNode labels = chromium.evaluate("[...document.querySelectorAll('#bars g.bar')].map(g => g.dataset.label)");
            java.util.List<String> names = new java.util.ArrayList<>();
            labels.forEach(l -> names.add(l.asText()));
            assertThat(names).contains(METRIC).doesNotContain(ITEM);
            assertThat(chromium.consoleErrors()).isEmpty();
            chromium.screenshot(DIR.resolve("classes.png"));
        }
    }

    @Test
    void theIndexesGoWhereToldNumberedAndAreReusedOrNotKeptAtAll() throws Exception {
        Path dir = DIR.resolve("indexes");
        deleteTree(dir);
        CliRun first = CliRun.of("diff", dumps[0].toString(), dumps[1].toString(), "--index-dir", dir.toString(), "--format", "json");
        assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCodes.FINDING);
        Path one = dir.resolve("1-before.hprof");
        Path two = dir.resolve("2-after.hprof");
        assertThat(one.resolve("meta.bin")).exists();
        assertThat(two.resolve("meta.bin")).exists();
        CliRun again = CliRun.of("diff", dumps[0].toString(), dumps[1].toString(), "--index-dir", dir.toString(), "--format", "json");
        assertThat(again.err()).contains("reusing the index in " + one, "reusing the index in " + two);
        assertThat(again.out()).isEqualTo(first.out());

        // in the heap: the same answer, nothing written anywhere
        Path copies = DIR.resolve("in-heap");
        deleteTree(copies);
        Files.createDirectories(copies);
        Path a = Files.copy(dumps[0], copies.resolve("a.hprof"));
        Path b = Files.copy(dumps[1], copies.resolve("b.hprof"));
        CliRun inHeap = CliRun.of("diff", a.toString(), b.toString(), "--in-heap", "--format", "json");
        assertThat(inHeap.exitCode()).as(inHeap.err()).isEqualTo(ExitCodes.FINDING);
        JsonNode x = new ObjectMapper().readTree(inHeap.out()).get("groups").get(0);
        JsonNode y = new ObjectMapper().readTree(first.out()).get("groups").get(0);
        assertThat(x.get("signature")).isEqualTo(y.get("signature"));
        assertThat(x.get("growthBytes")).isEqualTo(y.get("growthBytes"));
        try (var listed = Files.list(copies)) {
            assertThat(listed.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.hprof", "b.hprof");
        }
    }

    private static void deleteTree(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aDumpAndAHistogramAreNotCompared() {
        CliRun run = CliRun.of("diff", dumps[0].toString(), afterJson.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.oneLineError()).contains("two heap dumps or two saved histograms");
    }

    /** What analyze says the suspect held by the static field {@code field} retains. */
    private static long retained(Path dump, String field) throws Exception {
        CliRun run = CliRun.of("analyze", dump.toString(), "--threshold", "1", "--top", "50", "--format", "json");
        for (JsonNode s : new ObjectMapper().readTree(run.out()).get("suspects")) {
            JsonNode path = s.get("path");
            if (path.get(path.size() - 1).path("field").asText().equals(field)) {
                return s.get("retainedBytes").asLong();
            }
        }
        throw new AssertionError("no suspect held by " + field + ": " + run.out());
    }

    @Test
    void badFilesGetOneLineAndExit3() throws Exception {
        Path foreign = Files.writeString(DIR.resolve("notes.txt"), "hello");
        assertThat(bad(foreign, afterJson)).contains(foreign + " at byte 0: neither a histogram");
        Path other = Files.writeString(DIR.resolve("other.json"), "{\"pid\":1}");
        assertThat(bad(beforeJson, other)).contains(other + ": JSON without a \"classes\" array");
        Path row = Files.writeString(DIR.resolve("row.csv"), "class,instances,shallowBytes\r\nbyte[],12,400\r\nint[],many,8\r\n");
        assertThat(bad(row, afterCsv)).contains(row + " at line 3: not a row of class,instances,shallowBytes");
        Path missing = DIR.resolve("missing.json");
        assertThat(bad(missing, afterJson)).contains(missing + ": no such file");
        // cut anywhere: exit 3 and one line, never a stack trace
        byte[] whole = Files.readAllBytes(afterJson);
        Random random = new Random(16);
        for (int i = 0; i < 40; i++) {
            int at = 1 + random.nextInt(whole.length - 2);
            Path cut = Files.write(DIR.resolve("cut.json"), Arrays.copyOf(whole, at));
            CliRun run = CliRun.of("diff", beforeJson.toString(), cut.toString());
            assertThat(run.exitCode()).as("cut at %d: %s", at, run.err()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(run.oneLineError()).startsWith("heaptrail: " + cut);
        }
    }

    private static String bad(Path before, Path after) {
        CliRun run = CliRun.of("diff", before.toString(), after.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        return run.oneLineError();
    }

    private static JsonNode group(JsonNode json, String className) {
        for (JsonNode g : json.get("groups")) {
            if (g.get("class").asText().equals(className)) {
                return g;
            }
        }
        throw new AssertionError(className + " not among " + json.get("groups"));
    }

    private static long bytes(Path histogramJson, String className) throws Exception {
        for (JsonNode c : new ObjectMapper().readTree(histogramJson.toFile()).get("classes")) {
            if (c.get("class").asText().equals(className)) {
                return c.get("shallowBytes").asLong();
            }
        }
        return 0;
    }
}
