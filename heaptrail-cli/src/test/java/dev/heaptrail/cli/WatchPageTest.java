package dev.heaptrail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heaptrail.report.csv.WatchCsv;
import dev.heaptrail.testkit.ChildProcess;
import dev.heaptrail.testkit.HeadlessChromium;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code heaptrail watch --format html} and {@code --from FILE}: a real JVM watched for a few
 * seconds with {@code --csv}, the CSV judged again and drawn, the page checked in headless Chromium.
 */
class WatchPageTest {

    private static final Path DIR = Path.of("target", "watch-page");
    private static Path csv;
    private static JsonNode live;

    @BeforeAll
    static void watchARealJvm() throws Exception {
        Files.createDirectories(DIR);
        csv = DIR.resolve("mem.csv");
        // a heap leak of 10 % of the heap a minute, sampled every 200 ms for 8 s
        ChildProcess target = WatchCommandTest.target("HeapLeak", "0.10");
        live = WatchCommandTest.watch(target, "--interval", "200ms", "--duration", "8s", "--csv", csv.toString());
    }

    @Test
    void theSavedSamplesJudgedAgainGiveTheLiveWatchsSamplesAndVerdict() throws Exception {
        CliRun run = CliRun.of("watch", "--from", csv.toString(), "--format", "json");
        JsonNode saved = new ObjectMapper().readTree(run.out());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(saved.get("verdict").asText().equals("leak") ? 1 : 0);
        List<String> rows = Files.readAllLines(csv);
        JsonNode samples = saved.get("samples");
        assertThat(samples.size()).isEqualTo(rows.size() - 1).isEqualTo(live.get("samples").size()).isGreaterThan(20);
        for (int i = 0; i < samples.size(); i++) {
            JsonNode a = samples.get(i);
            JsonNode b = live.get("samples").get(i);
            for (String field : List.of("time", "elapsedSeconds", "rssBytes", "heapUsedBytes", "heapAfterGcBytes",
                    "metaspaceUsedBytes", "gcCount")) {
                assertThat(a.get(field)).as("sample %d %s", i, field).isEqualTo(b.get(field));
            }
        }
        assertThat(saved.get("kind").asText()).isEqualTo("jvm");
        // judged by the same code on the same samples: the off-heap figures (saved whole) agree. The
        // heap's floors may not: the CSV keeps one floor a row, not each collection's own time, so
        // on a fast machine the verdicts of a short watch may differ; a note says what is missing
        assertThat(WatchCommandTest.area(saved, "off-heap").get("slopeBytesPerHour"))
                .isEqualTo(WatchCommandTest.area(live, "off-heap").get("slopeBytesPerHour"));
        assertThat(saved.get("notes").toString()).contains("judged from samples saved in " + csv);
        assertThat(saved.get("ended").asText()).isEqualTo("read from " + csv);
        assertThat(saved.get("intervalSeconds").asDouble()).isBetween(0.15, 0.4);
        CliRun text = CliRun.of("watch", "--from", csv.toString());
        assertThat(text.out()).startsWith("saved watch (JVM): " + samples.size() + " samples over")
                .contains("verdict: " + saved.get("verdict").asText().toUpperCase(java.util.Locale.ROOT));
    }

    @Test
    void thePageDrawsEverySampleTheVerdictTheAreasAndFetchesNothing() throws Exception {
        CliRun run = CliRun.of("watch", "--from", csv.toString(), "--format", "html");
        JsonNode json = new ObjectMapper().readTree(CliRun.of("watch", "--from", csv.toString(), "--format", "json").out());
        assertThat(run.err()).isEmpty();
        Path page = Files.writeString(DIR.resolve("watch.html"), run.out(), StandardCharsets.UTF_8);
        int n = json.get("samples").size();
        try (HeadlessChromium chromium = HeadlessChromium.open(page, 1280, 900, DIR)) {
            assertThat(chromium.evaluate("document.body.dataset.drawn").asText()).isEqualTo("true");
            // one path per series; the resident memory's has a point per sample (M or L in its d)
            JsonNode paths = chromium.evaluate("[...document.querySelectorAll('#memory-chart path.series')].map(p =>"
                    + " ({key: p.dataset.key, points: (p.getAttribute('d').match(/[ML]/g) || []).length,"
                    + " said: +p.dataset.points}))");
            List<String> keys = new ArrayList<>();
            paths.forEach(p -> keys.add(p.get("key").asText()));
            assertThat(keys).contains("rss", "heapUsed", "heapAfterGc", "metaspace").doesNotHaveDuplicates();
            for (JsonNode p : paths) {
                assertThat(p.get("points").asInt()).as(p.get("key").asText()).isEqualTo(p.get("said").asInt());
                if (p.get("key").asText().matches("rss|heapUsed|heapCommitted|metaspace")) {
                    assertThat(p.get("points").asInt()).as(p.get("key").asText()).isEqualTo(n);
                }
            }
            assertThat(chromium.evaluate("document.querySelectorAll('#memory-chart .axis.x .tick').length").asInt()).isPositive();
            assertThat(chromium.evaluate("document.querySelectorAll('#memory-chart .axis.y .tick').length").asInt()).isPositive();
            // the floor, and its trend with the band when the heap had floors enough to judge
            if (!json.get("slopeBytesPerHour").isNull()) {
                assertThat(chromium.evaluate("document.querySelectorAll('#floor-chart path.trend').length").asInt()).isEqualTo(1);
                assertThat(chromium.evaluate("document.querySelectorAll('#floor-chart path.band').length").asInt()).isEqualTo(1);
            }
            assertThat(chromium.evaluate("document.querySelector('#verdict').dataset.verdict").asText())
                    .isEqualTo(json.get("verdict").asText());
            JsonNode areas = chromium.evaluate("[...document.querySelectorAll('#areas-table tbody tr')].map(r =>"
                    + " [r.dataset.area, r.querySelector('td.verdict').textContent])");
            assertThat(areas).hasSize(json.get("areas").size());
            for (int i = 0; i < areas.size(); i++) {
                assertThat(areas.get(i).get(0).asText()).isEqualTo(json.get("areas").get(i).get("area").asText());
                assertThat(areas.get(i).get(1).asText()).startsWith(json.get("areas").get(i).get("verdict").asText());
            }
            assertThat(chromium.evaluate("document.querySelector('#notes').textContent").asText())
                    .contains("judged from samples saved in", "read from");
            assertThat(chromium.evaluate("document.querySelector('footer').textContent").asText()).contains("d3 7.9.0");
            assertThat(chromium.consoleErrors()).isEmpty();
            assertThat(chromium.requests()).allMatch(u -> u.startsWith("file:") || u.startsWith("data:"));
            chromium.screenshot(DIR.resolve("watch.png"));
        }
    }

    @Test
    void aFileThatIsNoSavedWatchIsExit3WithItsLine() throws Exception {
        List<String> rows = Files.readAllLines(csv);
        Path empty = Files.writeString(DIR.resolve("empty.csv"), "");
        Path other = Files.writeString(DIR.resolve("other.csv"), "class,instances,shallowBytes\nbyte[],1,24\n");
        Path truncated = DIR.resolve("truncated.csv");
        String last = rows.get(rows.size() - 1);
        Files.writeString(truncated, String.join("\n", rows.subList(0, rows.size() - 1)) + "\n"
                + last.substring(0, last.indexOf(',', last.indexOf(',') + 1)));
        Path garbled = DIR.resolve("garbled.csv");
        Files.writeString(garbled, rows.get(0) + "\n" + rows.get(1) + "\n" + rows.get(2).replaceFirst(",\\d+,", ",12x,") + "\n");
        Path headerOnly = Files.writeString(DIR.resolve("header-only.csv"), WatchCsv.header() + "\n");
        Object[][] cases = {
            {empty, "at line 1: empty"},
            {other, "at line 1: not the header"},
            {truncated, "at line " + rows.size() + ": 2 fields, 17 expected"},
            {garbled, "at line 3: no number in column"},
            {headerOnly, "at line 2: no samples"},
        };
        for (Object[] c : cases) {
            for (String format : List.of("text", "html")) {
                CliRun run = CliRun.of("watch", "--from", c[0].toString(), "--format", format);
                assertThat(run.exitCode()).as(c[0] + " " + run.err()).isEqualTo(ExitCodes.BAD_INPUT);
                assertThat(run.oneLineError()).startsWith("heaptrail: " + c[0] + " " + c[1])
                        .endsWith("not a CSV saved by heaptrail watch --csv FILE");
                assertThat(run.out()).isEmpty();
            }
        }
        CliRun missing = CliRun.of("watch", "--from", DIR.resolve("no-such.csv").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void aPidAndFromTogetherOrNeitherIsAUsageError() {
        CliRun both = CliRun.of("watch", "12345", "--from", csv.toString());
        assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.oneLineError()).isEqualTo("heaptrail: watch takes a PID or --from FILE, not both");
        CliRun neither = CliRun.of("watch", "--format", "html");
        assertThat(neither.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(neither.oneLineError()).isEqualTo("heaptrail: watch needs a PID, or --from FILE saved by watch --csv");
        CliRun csvToo = CliRun.of("watch", "--from", csv.toString(), "--csv", DIR.resolve("again.csv").toString());
        assertThat(csvToo.exitCode()).isEqualTo(ExitCodes.USAGE);
    }
}
