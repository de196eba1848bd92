package dev.heaptrail.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heaptrail.report.SiteReports;
import dev.heaptrail.report.SitesResult;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page as bytes, without a browser: recording strings only escaped, the policy names each inline
 * script and the style by hash, nothing refers outside the page, d3 inlined with its licence, and
 * the stacks merged into the tree the flame graph draws.
 */
class SitesHtmlTest {

    private static final Pattern SCRIPT = Pattern.compile("<script( type=\"application/json\" id=\"heaptrail-data\")?>(.*?)</script>",
            Pattern.DOTALL);

    @Test
    void hostileStringsReachThePageOnlyEscaped() throws IOException {
        String page = render(new SitesResult(SiteReports.hostile(), SiteReports.HOSTILE_CLOSE + ".jfr"));
        for (String hostile : List.of(SiteReports.HOSTILE, SiteReports.HOSTILE_IMG, SiteReports.HOSTILE_CLOSE, "<b>run</b>", "<i>field</i>")) {
            assertThat(page).doesNotContain(hostile);
        }
        assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;.&lt;b&gt;run&lt;/b&gt;:1")
                .contains("a &amp; b &quot;quoted&quot; &#39;single&#39;");
        String lower = page.toLowerCase(Locale.ROOT);
        assertThat(count(lower, "<script")).isEqualTo(3);
        assertThat(count(lower, "</script")).isEqualTo(3);
        JsonNode data = new ObjectMapper().readTree(scripts(page).get(0));
        assertThat(data.get("root").get("c").get(0).get("c").get(0).get("n").asText())
                .isEqualTo(SiteReports.HOSTILE + ".<b>run</b>:1");
    }

    @Test
    void thePolicyAllowsExactlyTheInlinedScriptsAndStyleAndNoNetwork() throws IOException {
        String page = render(new SitesResult(SiteReports.leak(), "orders.jfr"));
        Matcher csp = Pattern.compile("<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]+)\">").matcher(page);
        assertThat(csp.find()).isTrue();
        List<String> scripts = scripts(page);
        assertThat(scripts).hasSize(3);
        Matcher style = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(page);
        assertThat(style.find()).isTrue();
        assertThat(csp.group(1)).isEqualTo("default-src 'none'; script-src " + Html.hash(scripts.get(1)) + " "
                + Html.hash(scripts.get(2)) + "; style-src " + Html.hash(style.group(1))
                + "; img-src data:; base-uri 'none'; form-action 'none'");
        String markup = SCRIPT.matcher(page).replaceAll("");
        assertThat(markup).doesNotContain("src=").doesNotContain("href=").doesNotContain("url(").doesNotContain("@import")
                .doesNotContain("http:").doesNotContain("https:").doesNotContainPattern("\\son[a-z]+\\s*=");
        assertThat(scripts.get(1)).startsWith("/*! d3 7.9.0, https://d3js.org\nCopyright 2010-2023 Mike Bostock")
                .contains("Permission to use, copy, modify").contains("// https://d3js.org v7.9.0 ");
    }

    @Test
    void theStacksMergeIntoOneTreeOutermostFrameAtTheRoot() {
        FlameData.Node root = FlameData.tree(SiteReports.stacks());
        assertThat(root.size()).isEqualTo(8);
        assertThat(root.total()).isEqualTo(12_582_912L + 3_145_728 + 1_048_576 + 4_096);
        assertThat(root.callees).containsOnlyKeys("java.lang.Thread.run:840");
        FlameData.Node run = root.callees.get("java.lang.Thread.run:840");
        assertThat(run.jdk).isTrue();
        assertThat(run.callees).containsOnlyKeys("com.shop.Api.handle:17", "com.shop.Report.render:9");
        FlameData.Node handle = run.callees.get("com.shop.Api.handle:17");
        assertThat(handle.jdk).isFalse();
        assertThat(handle.self).isZero();
        assertThat(handle.callees).containsOnlyKeys("com.shop.SessionStore.remember:42", "com.shop.Codec.decode",
                "com.shop.SessionStore.remember:40");
        assertThat(handle.callees.get("com.shop.SessionStore.remember:42").self).isEqualTo(12_582_912L);
        FlameData.Node resize = handle.callees.get("com.shop.SessionStore.remember:40").callees.get("java.util.HashMap.resize:700");
        assertThat(resize.jdk).isTrue();
        assertThat(resize.self).isEqualTo(1_048_576L);
    }

    private static List<String> scripts(String page) {
        List<String> bodies = new ArrayList<>();
        Matcher m = SCRIPT.matcher(page);
        while (m.find()) {
            bodies.add(m.group(2));
        }
        return bodies;
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static String render(SitesResult r) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new SitesHtml().render(r, new PrintStream(bytes, true, StandardCharsets.ISO_8859_1));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
