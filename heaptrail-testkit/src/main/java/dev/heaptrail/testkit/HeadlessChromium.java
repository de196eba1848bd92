package dev.heaptrail.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An HTML file opened in headless Chromium, for tests of pages as a browser renders them: the DOM
 * after the page's scripts ran, the errors its console saw, every request it made, the dialogs it
 * opened, a screenshot, and expressions evaluated in it (to click or type as a user would).
 *
 * <p>Driven over the DevTools protocol rather than {@code --dump-dom} and {@code --enable-logging}:
 * Chromium logs every console message at one level among its own noise (dbus, GPU), so errors cannot
 * be told from logs there, while the protocol says which is which (uncaught exceptions, {@code
 * console.error}, resources and content-security-policy refusals), and one browser serves the DOM,
 * the screenshot and the interactions. Every wait is bounded by {@link #TIMEOUT}; {@link #close}
 * kills the browser. One fresh profile per page, under the folder given, deleted on close.
 *
 * <p>Not thread-safe: one test drives one page.
 */
public final class HeadlessChromium implements AutoCloseable {

    /** The longest any step (start, load, a command) may take before the test fails. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final ChildProcess browser;
    private final DevTools devTools;
    private final String session;
    private final Path profile;
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> dialogs = new CopyOnWriteArrayList<>();

    private HeadlessChromium(ChildProcess browser, DevTools devTools, String session, Path profile) {
        this.browser = browser;
        this.devTools = devTools;
        this.session = session;
        this.profile = profile;
    }

    /** Chromium's executable: {@code HEAPTRAIL_CHROMIUM}, else {@code chromium} on PATH or in /usr/bin. */
    public static Optional<Path> find() {
        List<Path> candidates = new ArrayList<>();
        String env = System.getenv("HEAPTRAIL_CHROMIUM");
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "chromium"));
            }
        }
        candidates.add(Path.of("/usr/bin/chromium"));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /** The executable, or the test is skipped saying how to get it (a failure in CI: {@link NoSilentSkips}). */
    public static Path require() {
        Optional<Path> found = find();
        Assumptions.assumeTrue(found.isPresent(), "Chromium is neither in HEAPTRAIL_CHROMIUM, on PATH nor in /usr/bin:"
                + " install the Debian package chromium (.ci/setup does)");
        return found.orElseThrow();
    }

    /**
     * Opens {@code html} in a new headless Chromium with a {@code width} x {@code height} viewport and
     * returns once it has loaded and painted. Skips the test when Chromium is not installed.
     *
     * @param work where the browser's fresh profile goes (under target/)
     */
    public static HeadlessChromium open(Path html, int width, int height, Path work) throws IOException, InterruptedException {
        Path executable = require();
        Files.createDirectories(work);
        Path profile = Files.createTempDirectory(work.toAbsolutePath(), "chromium-profile-");
        // through sh: ChildProcess waits until the process runs the program it was given, and Debian's
        // chromium is a shell script that runs another binary; sh is what the process becomes at once
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "exec \"$0\" \"$@\"", executable.toString(),
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
                "--hide-scrollbars", "--mute-audio", "--force-device-scale-factor=1", "--user-data-dir=" + profile,
                "--remote-debugging-port=0", "--window-size=" + width + "," + height, "about:blank"));
        ChildProcess browser = ChildProcess.start(new ProcessBuilder(command), true);
        DevTools devTools = null;
        try {
            URI endpoint = URI.create(browser.await(LISTENING, TIMEOUT).group(1));
            devTools = DevTools.connect(endpoint, TIMEOUT);
            String target = devTools.call(null, "Target.createTarget", DevTools.params().put("url", "about:blank"))
                    .path("targetId").asText();
            String session = devTools.call(null, "Target.attachToTarget",
                    DevTools.params().put("targetId", target).put("flatten", true)).path("sessionId").asText();
            HeadlessChromium page = new HeadlessChromium(browser, devTools, session, profile);
            page.load(html.toAbsolutePath().toUri(), width, height);
            return page;
        } catch (IOException | RuntimeException | Error e) {
            if (devTools != null) {
                devTools.close();
            }
            browser.close();
            throw e;
        }
    }

    private void load(URI url, int width, int height) throws IOException {
        devTools.onEvent(this::record);
        for (String domain : List.of("Page", "Runtime", "Log", "Network")) {
            devTools.call(session, domain + ".enable", null);
        }
        devTools.call(session, "Emulation.setDeviceMetricsOverride", DevTools.params().put("width", width)
                .put("height", height).put("deviceScaleFactor", 1).put("mobile", false));
        CompletableFuture<JsonNode> loaded = devTools.next(session, "Page.loadEventFired");
        JsonNode navigated = devTools.call(session, "Page.navigate", DevTools.params().put("url", url.toString()));
        if (navigated.hasNonNull("errorText")) {
            throw new IOException("Chromium could not open " + url + ": " + navigated.get("errorText").asText());
        }
        devTools.await(loaded, "loading " + url);
        // two animation frames: whatever the page's scripts drew on load has been laid out and painted
        evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))");
    }

    /** What the page's console and network saw, on the socket's thread. */
    private void record(JsonNode event) {
        if (!session.equals(event.path("sessionId").asText(null))) {
            return;
        }
        JsonNode p = event.path("params");
        switch (event.path("method").asText()) {
            case "Runtime.exceptionThrown" -> {
                JsonNode d = p.path("exceptionDetails");
                errors.add(d.path("exception").path("description").asText(d.path("text").asText()));
            }
            case "Runtime.consoleAPICalled" -> {
                String type = p.path("type").asText();
                if (type.equals("error") || type.equals("assert")) {
                    List<String> args = new ArrayList<>();
                    p.path("args").forEach(a -> args.add(a.path("value").asText(a.path("description").asText())));
                    errors.add("console." + type + ": " + String.join(" ", args));
                }
            }
            case "Log.entryAdded" -> {
                JsonNode entry = p.path("entry");
                if (entry.path("level").asText().equals("error")) {
                    errors.add(entry.path("source").asText() + ": " + entry.path("text").asText() + " " + entry.path("url").asText(""));
                }
            }
            case "Network.requestWillBeSent" -> requests.add(p.path("request").path("url").asText());
            case "Page.javascriptDialogOpening" -> {
                dialogs.add(p.path("type").asText() + ": " + p.path("message").asText());
                devTools.send(session, "Page.handleJavaScriptDialog", DevTools.params().put("accept", false));
            }
            default -> { }
        }
    }

    /** The DOM as the page's scripts left it, as {@code --dump-dom} prints it. */
    public String dom() throws IOException {
        return evaluate("(document.doctype ? new XMLSerializer().serializeToString(document.doctype) + '\\n' : '')"
                + " + document.documentElement.outerHTML").asText();
    }

    /** Uncaught exceptions, {@code console.error} and {@code console.assert} calls, and the browser's own errors (a refused script, a missing file). */
    public List<String> consoleErrors() {
        return List.copyOf(errors);
    }

    /** Every URL the page asked for, its own first. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Every alert, confirm or prompt the page opened ("alert: 1"); each was dismissed. */
    public List<String> dialogs() {
        return List.copyOf(dialogs);
    }

    /** The value of a JavaScript expression in the page (a promise is awaited); an exception fails the test. */
    public JsonNode evaluate(String expression) throws IOException {
        JsonNode r = devTools.call(session, "Runtime.evaluate", DevTools.params().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        if (r.has("exceptionDetails")) {
            JsonNode d = r.get("exceptionDetails");
            throw new AssertionError("the page threw on " + expression + ": "
                    + d.path("exception").path("description").asText(d.path("text").asText()));
        }
        return r.path("result").path("value");
    }

    /** A PNG of the whole page (its full height, at most 8000 px), written to {@code png}. */
    public Path screenshot(Path png) throws IOException {
        JsonNode size = devTools.call(session, "Page.getLayoutMetrics", null).path("cssContentSize");
        ObjectNode clip = DevTools.params().put("x", 0).put("y", 0).put("width", size.path("width").asDouble())
                .put("height", Math.min(8000, size.path("height").asDouble())).put("scale", 1);
        ObjectNode params = DevTools.params().put("format", "png").put("captureBeyondViewport", true);
        params.set("clip", clip);
        byte[] image = Base64.getDecoder().decode(devTools.call(session, "Page.captureScreenshot", params).path("data").asText());
        Files.createDirectories(png.toAbsolutePath().getParent());
        return Files.write(png, image);
    }

    /** Ends the browser (killed if it does not close itself) and removes its profile. */
    @Override
    public void close() throws IOException {
        try {
            devTools.send(null, "Browser.close", null);
            browser.process().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            devTools.close();
            browser.close();
        }
        deleteProfile();
    }

    /** A helper process Chromium left may still be writing there: one more try after it had time to end. */
    private void deleteProfile() throws IOException {
        for (int attempt = 1; ; attempt++) {
            try (Stream<Path> files = Files.walk(profile)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
                return;
            } catch (IOException | UncheckedIOException e) {
                if (attempt == 2) {
                    throw new IOException("cannot remove Chromium's profile " + profile, e);
                }
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while removing " + profile, e);
            }
        }
    }
}
