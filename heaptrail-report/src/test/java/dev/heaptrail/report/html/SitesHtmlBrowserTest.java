package dev.heaptrail.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heaptrail.alloc.AllocationReport;
import dev.heaptrail.alloc.Source;
import dev.heaptrail.report.SiteFigures;
import dev.heaptrail.report.SiteReports;
import dev.heaptrail.report.SitesResult;
import dev.heaptrail.testkit.HeadlessChromium;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The sites page as Chromium renders it: the flame graph's frames, their widths and rows, the table
 * in rank order, hover, zoom and search as a user does them, hostile class names shown as text, no
 * console error, no request beyond the page itself. Screenshots in target/sites-html/.
 */
class SitesHtmlBrowserTest {

    private static final Path DIR = Path.of("target", "sites-html");
    private static final int WIDTH = 1280;
    private static final long TOTAL = 12_582_912 + 3_145_728 + 1_048_576 + 4_096;

    /** One frame as drawn: its full name, rect width, row (y, larger is lower), label and state. */
    private record Drawn(String name, double width, double y, String label, boolean hidden, boolean match, boolean ancestor) {}

    @Test
    void theFlameGraphDrawsEachFrameOnceAsWideAsItsBytesRootAtTheBottomAndTheTableInRankOrder() throws Exception {
        Path html = write("leak", SiteReports.leak(), "orders.jfr");
        try (HeadlessChromium page = HeadlessChromium.open(html, WIDTH, 900, DIR)) {
            Map<String, Drawn> frames = frames(page);
            assertThat(frames).containsOnlyKeys("all stacks", "java.lang.Thread.run:840", "com.shop.Api.handle:17",
                    "com.shop.SessionStore.remember:42", "com.shop.Codec.decode", "com.shop.SessionStore.remember:40",
                    "java.util.HashMap.resize:700", "com.shop.Report.render:9");
            assertThat(page.evaluate("document.querySelectorAll('#flamegraph rect').length").asInt()).isEqualTo(8);
            Drawn root = frames.get("all stacks");
            Drawn leak = frames.get("com.shop.SessionStore.remember:42");
            assertThat(root.width()).isEqualTo(page.evaluate("document.getElementById('flamegraph').getBoundingClientRect().width").asDouble());
            assertThat(leak.width() / frames.get("com.shop.Codec.decode").width()).isCloseTo(4.0, within(1e-6));
            assertThat(leak.width() / root.width()).isCloseTo(12_582_912.0 / TOTAL, within(1e-6));
            assertThat(frames.get("java.util.HashMap.resize:700").width() / root.width()).isCloseTo(1_048_576.0 / TOTAL, within(1e-6));
            assertThat(root.y()).isGreaterThan(frames.get("java.lang.Thread.run:840").y());
            assertThat(frames.get("java.lang.Thread.run:840").y()).isGreaterThan(frames.get("com.shop.Api.handle:17").y());
            assertThat(frames.get("com.shop.Api.handle:17").y()).isGreaterThan(leak.y());
            assertThat(leak.y()).isEqualTo(frames.get("com.shop.Codec.decode").y());
            assertThat(leak.label()).isEqualTo("com.shop.SessionStore.remember:42");

            assertThat(column(page, "td.site > code")).containsExactly("com.shop.SessionStore.remember:42",
                    "com.shop.Codec.decode", "com.shop.Report.render:9");
            assertThat(strings(page.evaluate("[...document.querySelectorAll('#sites-table tbody tr')].map(tr => tr.dataset.rank)")))
                    .containsExactly("1", "2", "3");
            assertThat(column(page, "td:nth-child(3)")).containsExactly("12.0 MiB", "3.00 MiB", "4.00 KiB");
            assertThat(column(page, "td:nth-child(6)")).containsExactly("1.50 MiB/s", "?", "238 MiB/s");
            assertThat(strings(page.evaluate("[...document.querySelectorAll('tr[data-rank=\"1\"] details.chain[open] li')]"
                    + ".map(li => li.textContent)"))).containsExactly("GC root (static field) java.lang.Class (0x1000)",
                    ".SESSIONS (static) → java.util.HashMap (0x2000)", "… 2 links skipped by the recording …",
                    ".table → java.util.HashMap$Node[] (0x3000)", "[5] → com.shop.Session (0x4000)");
            assertThat(page.dom()).startsWith("<!DOCTYPE html>").contains("data-name=\"com.shop.SessionStore.remember:42\"");
            assertThat(page.consoleErrors()).isEmpty();
            assertThat(page.dialogs()).isEmpty();
            assertThat(page.requests()).containsExactly(html.toAbsolutePath().toUri().toString());
            page.screenshot(DIR.resolve("leak.png"));
        }
    }

    @Test
    void hoverShowsBytesAndShareClickZoomsAndSearchHighlights() throws Exception {
        Path html = write("leak-interactive", SiteReports.leak(), "orders.jfr");
        try (HeadlessChromium page = HeadlessChromium.open(html, WIDTH, 900, DIR)) {
            double full = frames(page).get("all stacks").width();
            dispatch(page, "com.shop.SessionStore.remember:42", "new MouseEvent('mouseenter')");
            assertThat(page.evaluate("document.getElementById('details').textContent").asText())
                    .isEqualTo("com.shop.SessionStore.remember:42 — 12.0 MiB surviving (75.0 % of all)");

            dispatch(page, "com.shop.Codec.decode", "new MouseEvent('click', {bubbles: true})");
            Map<String, Drawn> zoomed = frames(page);
            assertThat(zoomed.get("com.shop.Codec.decode").width()).isEqualTo(full);
            assertThat(zoomed.get("com.shop.Api.handle:17")).satisfies(d -> {
                assertThat(d.width()).isEqualTo(full);
                assertThat(d.ancestor()).isTrue();
            });
            assertThat(zoomed.get("com.shop.SessionStore.remember:42").hidden()).isTrue();
            assertThat(zoomed.get("com.shop.Report.render:9").hidden()).isTrue();
            assertThat(page.evaluate("document.getElementById('reset').disabled").asBoolean()).isFalse();
            page.screenshot(DIR.resolve("leak-zoomed.png"));
            page.evaluate("document.getElementById('reset').click()");
            Map<String, Drawn> reset = frames(page);
            assertThat(reset.get("com.shop.SessionStore.remember:42").hidden()).isFalse();
            assertThat(reset.get("com.shop.Codec.decode").width()).isCloseTo(full * 3_145_728 / TOTAL, within(1e-6));

            page.evaluate("(() => { const s = document.getElementById('search'); s.value = 'sessionstore';"
                    + " s.dispatchEvent(new Event('input')); })()");
            assertThat(frames(page).values().stream().filter(Drawn::match).map(Drawn::name))
                    .containsExactlyInAnyOrder("com.shop.SessionStore.remember:42", "com.shop.SessionStore.remember:40");
            assertThat(page.evaluate("document.getElementById('matched').textContent").asText()).isEqualTo("matched 13.0 MiB (81.2 %)");
            page.screenshot(DIR.resolve("leak-search.png"));
            page.evaluate("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape'}))");
            assertThat(frames(page).values()).noneMatch(Drawn::match);
            assertThat(page.consoleErrors()).isEmpty();
        }
    }

    @Test
    void hostileClassNamesAreShownAsTextAndRunNothing() throws Exception {
        String recording = SiteReports.HOSTILE_CLOSE + ".jfr";
        Path html = write("hostile", SiteReports.hostile(), recording);
        try (HeadlessChromium page = HeadlessChromium.open(html, WIDTH, 900, DIR)) {
            assertThat(page.dialogs()).isEmpty();
            assertThat(page.consoleErrors()).isEmpty();
            assertThat(page.requests()).containsExactly(html.toAbsolutePath().toUri().toString());
            assertThat(page.evaluate("document.scripts.length").asInt()).isEqualTo(3);
            assertThat(page.evaluate("document.querySelectorAll('img, b, i, iframe, object, embed').length").asInt()).isZero();
            assertThat(page.evaluate("document.title").asText()).isEqualTo("heaptrail sites: " + recording);
            assertThat(page.evaluate("document.querySelector('h1 .recording').textContent").asText()).isEqualTo(recording);
            assertThat(column(page, "td.site > code")).containsExactly(SiteReports.HOSTILE + ".<b>run</b>:1",
                    SiteReports.HOSTILE_IMG + ".x", SiteReports.HOSTILE_CLOSE + ".y:2");
            assertThat(column(page, "td.class > code")).containsExactly(SiteReports.HOSTILE, SiteReports.HOSTILE_CLOSE,
                    "a & b \"quoted\" 'single'");
            assertThat(frames(page)).containsKeys(SiteReports.HOSTILE + ".<b>run</b>:1", SiteReports.HOSTILE_IMG + ".x");
            assertThat(strings(page.evaluate("[...document.querySelectorAll('details.chain li')].map(li => li.textContent)")))
                    .containsExactly("GC root (static field) " + SiteReports.HOSTILE_IMG + " (0x10)",
                            "… 1 link skipped by the recording …", ".<i>field</i> → " + SiteReports.HOSTILE + " (0x20)");
            assertThat(page.evaluate("document.querySelector('#notes li').textContent").asText()).isEqualTo(SiteReports.HOSTILE_IMG);
            page.screenshot(DIR.resolve("hostile.png"));
        }
    }

    @Test
    void withoutSurvivorSamplesThePageSaysSoAndDrawsAllocatedBytes() throws Exception {
        Path html = write("allocation-only", SiteReports.allocationOnly(), "PID 4242");
        try (HeadlessChromium page = HeadlessChromium.open(html, WIDTH, 700, DIR)) {
            assertThat(page.evaluate("document.querySelector('header .warning').textContent").asText())
                    .isEqualTo(SiteFigures.NO_SURVIVOR_SAMPLES);
            assertThat(page.evaluate("document.querySelector('#flame h2').textContent").asText()).isEqualTo("Allocated bytes by stack");
            assertThat(frames(page)).containsOnlyKeys("all stacks", "java.lang.Thread.run:840", "com.shop.Report.render:9");
            assertThat(column(page, "td:nth-child(3)")).containsExactly("?");
            assertThat(column(page, "td:nth-child(4)")).containsExactly("?");
            assertThat(strings(page.evaluate("[...document.querySelectorAll('dl.facts dd')].map(dd => dd.textContent)")))
                    .containsExactly("async-profiler", "?", "900", "?");
            dispatch(page, "com.shop.Report.render:9", "new MouseEvent('mouseenter')");
            assertThat(page.evaluate("document.getElementById('details').textContent").asText())
                    .isEqualTo("com.shop.Report.render:9 — 7.03 GiB allocated (100.0 % of all)");
            assertThat(page.consoleErrors()).isEmpty();
            page.screenshot(DIR.resolve("allocation-only.png"));
        }
    }

    @Test
    void anEmptyReportSaysSoWithoutAnError() throws Exception {
        AllocationReport empty = new AllocationReport(List.of(), 0, 5.0, Source.JFR, null, true, List.of(), null, List.of());
        Path html = write("empty", empty, "idle.jfr");
        try (HeadlessChromium page = HeadlessChromium.open(html, WIDTH, 600, DIR)) {
            assertThat(page.evaluate("document.getElementById('flamegraph')").isNull()).isTrue();
            assertThat(page.evaluate("document.getElementById('details').textContent").asText()).isEqualTo("No stacks in this report.");
            assertThat(page.evaluate("document.querySelector('#sites .empty').textContent").asText())
                    .isEqualTo("No allocation site in this report.");
            assertThat(page.consoleErrors()).isEmpty();
        }
    }

    private static Map<String, Drawn> frames(HeadlessChromium page) throws IOException {
        JsonNode all = page.evaluate("""
                [...document.querySelectorAll('#flamegraph g.frame')].map(g => ({
                  name: g.dataset.name,
                  width: +g.querySelector('rect').getAttribute('width'),
                  y: +/,\\s*([-\\d.e]+)\\)/.exec(g.getAttribute('transform'))[1],
                  label: g.querySelector('text').textContent,
                  hidden: g.classList.contains('hidden'),
                  match: g.classList.contains('match'),
                  ancestor: g.classList.contains('ancestor')}))""");
        Map<String, Drawn> byName = new HashMap<>();
        for (JsonNode f : all) {
            Drawn d = new Drawn(f.get("name").asText(), f.get("width").asDouble(), f.get("y").asDouble(), f.get("label").asText(),
                    f.get("hidden").asBoolean(), f.get("match").asBoolean(), f.get("ancestor").asBoolean());
            assertThat(byName.put(d.name(), d)).as("one rect per frame: " + d.name()).isNull();
        }
        return byName;
    }

    /** The text of one cell per row of the sites table, top to bottom. */
    private static List<String> column(HeadlessChromium page, String cell) throws IOException {
        return strings(page.evaluate("[...document.querySelectorAll('#sites-table tbody tr')].map(tr => tr.querySelector('"
                + cell + "').textContent)"));
    }

    private static void dispatch(HeadlessChromium page, String frame, String event) throws IOException {
        page.evaluate("[...document.querySelectorAll('#flamegraph g.frame')].find(g => g.dataset.name === "
                + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(frame) + ").dispatchEvent(" + event + ")");
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static Path write(String name, AllocationReport report, String recording) throws IOException {
        Files.createDirectories(DIR);
        Path html = DIR.resolve(name + ".html");
        try (PrintStream out = new PrintStream(Files.newOutputStream(html), false, "UTF-8")) {
            new SitesHtml().render(new SitesResult(report, recording), out);
        }
        return html;
    }
}
