package dev.heaptrail.testkit;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The helper sees what a page does: a clean page reports nothing, and each kind of fault (an uncaught
 * exception, console.error, a missing file, a script the page's policy refuses, an alert) is
 * reported, so that a test asserting "no console error" cannot pass by not listening.
 */
class HeadlessChromiumTest {

    private static final Path DIR = Path.of("target", "headless-chromium");

    @Test
    void aCleanPageReportsItsDomAndNothingElse() throws Exception {
        Path html = page("clean.html", "<p id=\"x\">before</p><script>document.getElementById('x').textContent = 'after';</script>");
        try (HeadlessChromium page = HeadlessChromium.open(html, 640, 480, DIR)) {
            assertThat(page.dom()).startsWith("<!DOCTYPE html>\n<html>").contains("<p id=\"x\">after</p>");
            assertThat(page.consoleErrors()).isEmpty();
            assertThat(page.dialogs()).isEmpty();
            assertThat(page.requests()).containsExactly(html.toAbsolutePath().toUri().toString());
            assertThat(page.evaluate("[1 + 1, document.title]").toString()).isEqualTo("[2,\"t\"]");
            Path png = page.screenshot(DIR.resolve("clean.png"));
            byte[] bytes = Files.readAllBytes(png);
            assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');
            int width = (bytes[16] & 0xff) << 24 | (bytes[17] & 0xff) << 16 | (bytes[18] & 0xff) << 8 | (bytes[19] & 0xff);
            assertThat(width).isEqualTo(640);
        }
        assertThat(Files.list(DIR).filter(p -> p.getFileName().toString().startsWith("chromium-profile-")).toList())
                .as("the profile is removed").isEmpty();
    }

    @Test
    void everyKindOfFaultIsReported() throws Exception {
        Path html = page("faults.html", "<meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'nonce-ok'\">"
                + "<script nonce=\"ok\">console.error('first', 2); alert('hello');</script>"
                + "<script>console.log('refused by the policy');</script>"
                + "<img src=\"missing.png\">"
                + "<script nonce=\"ok\">undefinedFunction();</script>");
        try (HeadlessChromium page = HeadlessChromium.open(html, 640, 480, DIR)) {
            List<String> errors = page.consoleErrors();
            assertThat(errors).contains("console.error: first 2");
            assertThat(errors).anyMatch(e -> e.startsWith("ReferenceError: undefinedFunction is not defined"));
            assertThat(errors).anyMatch(e -> e.contains("Content Security Policy"));
            assertThat(errors).anyMatch(e -> e.contains("missing.png"));
            assertThat(page.dialogs()).containsExactly("alert: hello");
            assertThat(page.requests()).contains(html.toAbsolutePath().toUri().toString(),
                    html.toAbsolutePath().resolveSibling("missing.png").toUri().toString());
        }
    }

    private static Path page(String name, String body) throws Exception {
        Files.createDirectories(DIR);
        return Files.writeString(DIR.resolve(name), "<!DOCTYPE html><html><head><title>t</title></head><body>" + body + "</body></html>");
    }
}
