package dev.heaptrail.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Prometheus server for end-to-end tests of heaptrail's rules and dashboard: a child process
 * listening on 127.0.0.1 only, scraping the given targets as job {@code heaptrail}, with everything
 * it writes (config, TSDB, log) under one work directory. Close it to stop the process.
 *
 * <p>{@link #available()} finds {@code prometheus} and {@code promtool} (HEAPTRAIL_PROMETHEUS_DIR,
 * PATH, /usr/bin) and, as root on Debian or Ubuntu, installs the {@code prometheus} package once;
 * {@link #whyUnavailable()} says why not for a skipped test.
 *
 * <pre>{@code
 * assumeTrue(PrometheusServer.available(), PrometheusServer::whyUnavailable);
 * Path rules = PrometheusServer.withShortFor(shippedRules, Duration.ofSeconds(2), dir.resolve("rules.yml"));
 * try (PrometheusServer prometheus = PrometheusServer.start(dir, List.of("127.0.0.1:9404"), rules,
 *         Duration.ofSeconds(1), Duration.ofSeconds(1))) {
 *     prometheus.awaitAlert("HeaptrailMemoryLeak", "firing", Map.of("instance", "127.0.0.1:9404"), Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class PrometheusServer implements AutoCloseable {

    /** One sample of an instant query: its labels ({@code __name__} included when the query keeps it) and value. */
    public record Sample(Map<String, String> labels, double value) {
        public String label(String name) {
            return labels.get(name);
        }
    }

    /** An active alert: {@code pending} while its {@code for:} runs, then {@code firing}. */
    public record Alert(String name, String state, Map<String, String> labels, Map<String, String> annotations) {
        public String instance() {
            return labels.get("instance");
        }
    }

    /** A scrape target; health is {@code up}, {@code down}, or {@code unknown} until its first scrape. */
    public record Target(String instance, String health, String lastError) {}

    /** A loaded rule ({@code recording} or {@code alerting}) and how its last evaluation went. */
    public record Rule(String name, String type, String query, String health, String lastError) {}

    /** Prometheus or promtool said no: its own words are the message. */
    public static final class PrometheusException extends RuntimeException {
        PrometheusException(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);
    // A `for:` key at the start of a line (possibly the first key of a list item); not keep_firing_for.
    private static final Pattern FOR_LINE = Pattern.compile("(?m)^([ \\t]*(?:-[ \\t]+)?)for:.*$");

    private final Process process;
    private final URI url;
    private final Path log;
    private final Thread killer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PrometheusServer(Process process, int port, Path log) {
        this.process = process;
        this.url = URI.create("http://127.0.0.1:" + port);
        this.log = log;
        // A test JVM that dies without closing us must not leave a Prometheus running behind it.
        this.killer = new Thread(process::destroyForcibly, "prometheus-killer");
        Runtime.getRuntime().addShutdownHook(killer);
    }

    // ---- finding the binaries, promtool

    /** Whether prometheus and promtool can run here. The tests install nothing: .ci/setup does. */
    public static boolean available() {
        return PrometheusBinaries.find() != null;
    }

    /** Why they cannot, in words for a skipped test; null when {@link #available()}. */
    public static String whyUnavailable() {
        return PrometheusBinaries.whyUnavailable();
    }

    /** {@code promtool check rules FILE}: returns its report, throws {@link PrometheusException} with it when the file is invalid. */
    public static String checkRules(Path rulesFile) throws IOException, InterruptedException {
        return PrometheusBinaries.require().promtool("check", "rules", rulesFile.toAbsolutePath().toString());
    }

    /** {@code promtool check config FILE}: returns its report (rule files named in it checked too), throws {@link PrometheusException} with it when invalid. */
    public static String checkConfig(Path configFile) throws IOException, InterruptedException {
        return PrometheusBinaries.require().promtool("check", "config", configFile.toAbsolutePath().toString());
    }

    /** {@code promtool test rules FILE}: runs the rules' unit tests that the file holds; throws when one fails. */
    public static String testRules(Path testFile) throws IOException, InterruptedException {
        return PrometheusBinaries.require().promtool("test", "rules", testFile.toAbsolutePath().toString());
    }

    /**
     * Writes a copy of a rules file in which every {@code for:} is the given duration, so that a test
     * sees alerts fire within seconds instead of the shipped minutes. Expressions, labels and
     * annotations stay the shipped text: those are what the test checks. Returns {@code out}.
     */
    public static Path withShortFor(Path rules, Duration forDuration, Path out) throws IOException {
        String copy = FOR_LINE.matcher(Files.readString(rules)).replaceAll("$1for: " + duration(forDuration));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, copy);
        return out;
    }

    // ---- the server

    /**
     * Starts Prometheus with a fresh TSDB under {@code workDir/data}, scraping {@code /metrics} of each
     * {@code host:port} target as job {@code heaptrail}, with the rules file (or none when null);
     * returns once it answers {@code /-/ready}.
     */
    public static PrometheusServer start(Path workDir, List<String> scrapeTargets, Path rulesFile,
            Duration scrapeInterval, Duration evaluationInterval) throws IOException, InterruptedException {
        PrometheusBinaries binaries = PrometheusBinaries.require();
        Path dir = workDir.toAbsolutePath();
        Path data = dir.resolve("data");
        // Series of an earlier run would still answer queries for 5 minutes (the lookback).
        deleteTree(data);
        Files.createDirectories(dir);
        Path config = Files.writeString(dir.resolve("prometheus.yml"),
                config(scrapeTargets, rulesFile, scrapeInterval, evaluationInterval));
        Path log = dir.resolve("prometheus.log");
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            // started as a ChildProcess: it dies with the test JVM, even one killed with -9
            Process process = ChildProcess.start(new ProcessBuilder(binaries.prometheus().toString(),
                    "--config.file=" + config,
                    "--storage.tsdb.path=" + data,
                    "--web.listen-address=127.0.0.1:" + port)
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()), false).process();
            PrometheusServer server = new PrometheusServer(process, port, log);
            try {
                server.awaitReady();
                return server;
            } catch (PrometheusException e) {
                server.close();
                // Another process may have taken the free port between our check and Prometheus's bind.
                if (attempt == 3 || !server.logTail().contains("address already in use")) {
                    throw e;
                }
            } catch (InterruptedException | RuntimeException e) {
                server.close();
                throw e;
            }
        }
    }

    private static String config(List<String> targets, Path rulesFile, Duration scrape, Duration evaluation) {
        Duration timeout = scrape.compareTo(Duration.ofSeconds(10)) < 0 ? scrape : Duration.ofSeconds(10);
        StringBuilder yml = new StringBuilder("# Written by heaptrail's PrometheusServer for a test.\n")
                .append("global:\n")
                .append("  scrape_interval: ").append(duration(scrape)).append('\n')
                .append("  scrape_timeout: ").append(duration(timeout)).append('\n')
                .append("  evaluation_interval: ").append(duration(evaluation)).append('\n');
        if (rulesFile != null) {
            yml.append("rule_files:\n  - ").append(quote(rulesFile.toAbsolutePath().toString())).append('\n');
        }
        return yml.append("scrape_configs:\n")
                .append("  - job_name: heaptrail\n")
                .append("    metrics_path: /metrics\n")
                .append("    static_configs:\n")
                .append("      - targets: [")
                .append(targets.stream().map(PrometheusServer::quote).collect(Collectors.joining(", ")))
                .append("]\n")
                .toString();
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new PrometheusException("prometheus exited with " + process.exitValue()
                        + " before it was ready; the end of " + log + ":\n" + logTail());
            }
            try {
                HttpRequest ready = HttpRequest.newBuilder(url.resolve("/-/ready")).timeout(Duration.ofSeconds(2)).build();
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep waiting
            }
            if (System.nanoTime() > deadline) {
                throw new PrometheusException("prometheus was not ready after " + READY_TIMEOUT.toSeconds()
                        + " s; the end of " + log + ":\n" + logTail());
            }
            Thread.sleep(100);
        }
    }

    /** Where the API answers, e.g. http://127.0.0.1:41234. */
    public URI url() {
        return url;
    }

    /** The server's own log (stdout and stderr). */
    public Path log() {
        return log;
    }

    /** The last 30 lines of the server's log, for failure messages. */
    public String logTail() {
        try {
            return PrometheusBinaries.tail(new String(Files.readAllBytes(log), StandardCharsets.UTF_8), 30);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        try {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs anyway
        }
    }

    // ---- the HTTP API

    /** An instant query; throws {@link PrometheusException} with Prometheus's error (bad syntax, unknown function...). */
    public List<Sample> query(String promql) throws IOException, InterruptedException {
        JsonNode data = api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8), promql);
        JsonNode result = data.path("result");
        return switch (data.path("resultType").asText()) {
            case "vector" -> {
                List<Sample> samples = new ArrayList<>();
                result.forEach(r -> samples.add(new Sample(strings(r.path("metric")), number(r.path("value").path(1)))));
                yield samples;
            }
            case "scalar" -> List.of(new Sample(Map.of(), number(result.path(1))));
            default -> throw new PrometheusException(promql + " gives a " + data.path("resultType").asText()
                    + ", not an instant vector or scalar");
        };
    }

    /** Waits until a query returns at least one sample; returns them. */
    public List<Sample> awaitQuery(String promql, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Sample> samples;
        while ((samples = query(promql)).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no result for " + promql + " after " + timeout.toSeconds() + " s");
            }
            Thread.sleep(POLL.toMillis());
        }
        return samples;
    }

    /** The active alerts, pending and firing. */
    public List<Alert> alerts() throws IOException, InterruptedException {
        List<Alert> alerts = new ArrayList<>();
        for (JsonNode a : api("/api/v1/alerts", null).path("alerts")) {
            Map<String, String> labels = strings(a.path("labels"));
            alerts.add(new Alert(labels.get("alertname"), a.path("state").asText(), labels, strings(a.path("annotations"))));
        }
        return alerts;
    }

    /** Waits until the named alert is in the state (pending or firing); returns it. */
    public Alert awaitAlert(String name, String state, Duration timeout) throws IOException, InterruptedException {
        return awaitAlert(name, state, Map.of(), timeout);
    }

    /** Waits until the named alert with these labels (e.g. instance) is in the state; returns it. */
    public Alert awaitAlert(String name, String state, Map<String, String> labels, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Alert> alerts = alerts();
            Optional<Alert> found = alerts.stream()
                    .filter(a -> matches(a, name, labels) && a.state().equals(state)).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + labels + " was not " + state + " after " + timeout.toSeconds()
                        + " s; active alerts: " + alerts);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Waits until no alert of that name with these labels is pending or firing (it resolved). */
    public void awaitNoAlert(String name, Map<String, String> labels, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Alert> alerts;
        while ((alerts = alerts()).stream().anyMatch(a -> matches(a, name, labels))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + labels + " still active after " + timeout.toSeconds()
                        + " s: " + alerts);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private static boolean matches(Alert alert, String name, Map<String, String> labels) {
        return alert.name().equals(name) && alert.labels().entrySet().containsAll(labels.entrySet());
    }

    /** The scrape targets and their health. */
    public List<Target> targets() throws IOException, InterruptedException {
        List<Target> targets = new ArrayList<>();
        for (JsonNode t : api("/api/v1/targets?state=active", null).path("activeTargets")) {
            targets.add(new Target(t.path("labels").path("instance").asText(), t.path("health").asText(),
                    t.path("lastError").asText()));
        }
        return targets;
    }

    /** Waits until every target has been scraped once (health up or down, no longer unknown); returns them. */
    public List<Target> awaitTargetsScraped(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Target> targets;
        while ((targets = targets()).isEmpty() || targets.stream().anyMatch(t -> t.health().equals("unknown"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("targets not all scraped after " + timeout.toSeconds() + " s: " + targets);
            }
            Thread.sleep(POLL.toMillis());
        }
        return targets;
    }

    /** Every loaded rule with its expression and the health of its last evaluation. */
    public List<Rule> rules() throws IOException, InterruptedException {
        List<Rule> rules = new ArrayList<>();
        for (JsonNode group : api("/api/v1/rules", null).path("groups")) {
            for (JsonNode r : group.path("rules")) {
                rules.add(new Rule(r.path("name").asText(), r.path("type").asText(), r.path("query").asText(),
                        r.path("health").asText(), r.path("lastError").asText()));
            }
        }
        return rules;
    }

    private JsonNode api(String pathAndQuery, String promql) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url.resolve(pathAndQuery)).timeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new PrometheusException("HTTP " + response.statusCode() + " from " + pathAndQuery + ": " + response.body());
        }
        if (!"success".equals(body.path("status").asText())) {
            throw new PrometheusException(body.path("errorType").asText() + ": " + body.path("error").asText()
                    + (promql == null ? "" : " in " + promql));
        }
        return body.path("data");
    }

    // ---- small helpers

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    /** Prometheus writes values as strings, infinities as Go does. */
    private static double number(JsonNode value) {
        return switch (value.asText()) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(value.asText());
        };
    }

    private static String duration(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private static String quote(String yamlScalar) {
        return "'" + yamlScalar.replace("'", "''") + "'";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
