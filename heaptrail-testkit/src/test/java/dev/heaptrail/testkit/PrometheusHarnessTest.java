package dev.heaptrail.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.heaptrail.testkit.PrometheusServer.Alert;
import dev.heaptrail.testkit.PrometheusServer.PrometheusException;
import dev.heaptrail.testkit.PrometheusServer.Rule;
import dev.heaptrail.testkit.PrometheusServer.Sample;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped Prometheus rules and Grafana dashboard, checked by promtool and run by a real
 * Prometheus against stand-ins for the agent's endpoint. Skipped only where Prometheus can be
 * neither found nor installed.
 */
class PrometheusHarnessTest {

    static final Path ROOT = projectRoot();
    static final Path RULES = ROOT.resolve("deploy/prometheus/heaptrail-rules.yml");
    static final Path RULE_TESTS = ROOT.resolve("deploy/prometheus/heaptrail-rules.test.yml");
    static final Path DASHBOARD = ROOT.resolve("deploy/grafana/heaptrail-dashboard.json");
    static final Path WORK = Path.of("target", "prometheus-harness-test").toAbsolutePath();
    static final Duration WAIT = Duration.ofSeconds(30);

    /** The agent's public contract, the Java client's JVM metrics the dashboard may use, and Prometheus's own up. */
    static final Set<String> KNOWN_METRICS = Set.of(
            "heaptrail_heap_floor_bytes", "heaptrail_heap_max_bytes", "heaptrail_leak_slope_bytes_per_second",
            "heaptrail_leak_verdict", "heaptrail_time_to_limit_seconds", "heaptrail_actions_total",
            "heaptrail_metaspace_bytes", "heaptrail_direct_buffer_bytes", "heaptrail_agent_heap_bytes",
            "jvm_memory_used_bytes", "jvm_memory_committed_bytes", "jvm_memory_max_bytes",
            "jvm_gc_collection_seconds_count", "jvm_gc_collection_seconds_sum", "jvm_threads_current",
            "up");
    static final Set<String> RECORDED = Set.of("heaptrail:heap_floor_ratio", "heaptrail:leak_slope_bytes_per_hour",
            "heaptrail:time_to_limit_seconds", "heaptrail:agent_heap_ratio");
    static final Set<String> ALERTS = Set.of("HeaptrailMemoryLeak", "HeaptrailOutOfMemorySoon",
            "HeaptrailHeapFloorHigh", "HeaptrailAgentDown");

    static final double HEAP_MAX = 1073741824;

    /** A JVM that leaks 20 kB/s, its floor at 93 % of -Xmx, 10 minutes to go; series per pool. */
    static final String LEAKING = """
            heaptrail_leak_verdict 1
            heaptrail_leak_slope_bytes_per_second 20000
            heaptrail_time_to_limit_seconds 600
            heaptrail_heap_floor_bytes{pool="old"} 790000000
            heaptrail_heap_floor_bytes{pool="total"} 1000000000
            heaptrail_heap_max_bytes{pool="old"} 805306368
            heaptrail_heap_max_bytes{pool="total"} 1073741824
            # TYPE heaptrail_actions_total counter
            heaptrail_actions_total{action="log"} 1
            heaptrail_actions_total{action="heapdump"} 1
            heaptrail_metaspace_bytes 52428800
            heaptrail_direct_buffer_bytes 1048576
            heaptrail_agent_heap_bytes 8388608
            jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 1000000000
            jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 20000000
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 52428800
            jvm_gc_collection_seconds_count{gc="G1 Young Generation"} 120
            jvm_gc_collection_seconds_sum{gc="G1 Young Generation"} 3.5
            """;

    /** A healthy JVM: no pool label, flat floor at 19 %, no time to the limit (+Inf), no actions yet. */
    static final String STABLE = """
            heaptrail_leak_verdict 0
            heaptrail_leak_slope_bytes_per_second 1.5
            heaptrail_time_to_limit_seconds +Inf
            heaptrail_heap_floor_bytes 200000000
            heaptrail_heap_max_bytes 1073741824
            heaptrail_metaspace_bytes 41943040
            heaptrail_direct_buffer_bytes 0
            heaptrail_agent_heap_bytes 4194304
            """;

    static Exporter leaking;
    static Exporter stable;
    static Exporter recovering;
    static String down;
    static PrometheusServer prometheus;

    @BeforeAll
    static void startPrometheus() throws Exception {
        assumeTrue(PrometheusServer.available(), PrometheusServer::whyUnavailable);
        leaking = new Exporter(LEAKING);
        stable = new Exporter(STABLE);
        recovering = new Exporter(LEAKING);
        down = "127.0.0.1:" + unusedPort();
        // The shipped expressions, labels and annotations; only for: is 2 s instead of minutes.
        Path rules = PrometheusServer.withShortFor(RULES, Duration.ofSeconds(2), WORK.resolve("rules-short-for.yml"));
        prometheus = PrometheusServer.start(WORK, List.of(leaking.instance(), stable.instance(), recovering.instance(), down),
                rules, Duration.ofSeconds(1), Duration.ofSeconds(1));
        prometheus.awaitTargetsScraped(WAIT);
    }

    @AfterAll
    static void stopPrometheus() {
        for (AutoCloseable c : new AutoCloseable[] {prometheus, leaking, stable, recovering}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void promtoolAcceptsTheShippedRulesAndRejectsBrokenOnes() throws Exception {
        assertThat(PrometheusServer.checkRules(RULES)).contains("SUCCESS: " + (RECORDED.size() + ALERTS.size()) + " rules found");

        String shipped = Files.readString(RULES);
        Path badExpr = Files.writeString(WORK.resolve("broken-expr.yml"),
                shipped.replace("(heaptrail_leak_verdict) == 1", "(heaptrail_leak_verdict == 1"));
        assertThatThrownBy(() -> PrometheusServer.checkRules(badExpr))
                .isInstanceOf(PrometheusException.class).hasMessageContaining("FAILED");
        Path badTemplate = Files.writeString(WORK.resolve("broken-template.yml"),
                shipped.replace("{{ $labels.instance }}\"", "{{ $labels.instance \""));
        assertThatThrownBy(() -> PrometheusServer.checkRules(badTemplate))
                .isInstanceOf(PrometheusException.class).hasMessageContaining("FAILED");
    }

    @Test
    void aServerThatCannotStartSaysWhyInItsOwnWords() throws Exception {
        Path broken = Files.writeString(WORK.resolve("broken-start.yml"),
                Files.readString(RULES).replace("(heaptrail_leak_verdict) == 1", "(heaptrail_leak_verdict == 1"));
        assertThatThrownBy(() -> PrometheusServer.start(WORK.resolve("broken-start"), List.of(), broken,
                Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(PrometheusException.class)
                .hasMessageContaining("prometheus exited")
                .hasMessageContaining("broken-start.yml")
                .hasMessageContaining("parse error");
    }

    @Test
    void shippedRulesPassTheirUnitTestsWithProductionDurations() throws Exception {
        assertThat(PrometheusServer.testRules(RULE_TESTS)).contains("SUCCESS");
    }

    @Test
    void shortForCopyChangesOnlyTheForLines() throws Exception {
        List<String> shipped = Files.readAllLines(RULES);
        List<String> copy = Files.readAllLines(WORK.resolve("rules-short-for.yml"));
        assertThat(copy).hasSameSizeAs(shipped);
        for (int i = 0; i < shipped.size(); i++) {
            if (shipped.get(i).trim().startsWith("for:")) {
                assertThat(copy.get(i)).isEqualTo(shipped.get(i).replaceAll("for: .*", "for: 2s"));
            } else {
                assertThat(copy.get(i)).isEqualTo(shipped.get(i));
            }
        }
        assertThat(shipped.stream().filter(l -> l.trim().startsWith("for:"))).hasSize(ALERTS.size());
    }

    @Test
    void leakAlertsFireForTheLeakingInstanceOnly() throws Exception {
        Map<String, String> leakingInstance = Map.of("instance", leaking.instance(), "job", "heaptrail");
        Alert leak = prometheus.awaitAlert("HeaptrailMemoryLeak", "firing", leakingInstance, WAIT);
        assertThat(leak.labels()).containsEntry("severity", "warning");
        assertThat(leak.annotations().get("summary")).isEqualTo("Memory leak suspected on " + leaking.instance());
        assertThat(leak.annotations().get("description"))
                .contains("The heap floor rises by 72MB/h.", "reaches its limit in 10m 0s.");
        assertThat(leak.annotations().get("runbook")).contains("heaptrail analyze", "heaptrail watch PID");

        Alert oom = prometheus.awaitAlert("HeaptrailOutOfMemorySoon", "firing", leakingInstance, WAIT);
        assertThat(oom.labels()).containsEntry("severity", "critical");
        assertThat(oom.annotations().get("summary")).isEqualTo(leaking.instance() + " runs out of memory in 10m 0s");

        Alert full = prometheus.awaitAlert("HeaptrailHeapFloorHigh", "firing", leakingInstance, WAIT);
        assertThat(full.annotations().get("summary")).contains("93.13% full");

        // Both targets are scraped and evaluated together: had the stable one matched, it would be
        // pending by now at least.
        assertThat(prometheus.alerts()).noneMatch(a -> stable.instance().equals(a.instance()));
    }

    @Test
    void recordingRulesGiveExactValues() throws Exception {
        assertThat(value("heaptrail:heap_floor_ratio", leaking)).isEqualTo(1e9 / HEAP_MAX);
        assertThat(value("heaptrail:heap_floor_ratio", stable)).isEqualTo(2e8 / HEAP_MAX);
        assertThat(value("heaptrail:leak_slope_bytes_per_hour", leaking)).isEqualTo(72e6);
        assertThat(value("heaptrail:leak_slope_bytes_per_hour", stable)).isEqualTo(5400);
        assertThat(value("heaptrail:time_to_limit_seconds", leaking)).isEqualTo(600);
        assertThat(value("heaptrail:agent_heap_ratio", leaking)).isEqualTo(8388608 / HEAP_MAX);
        // +Inf means "not rising": no projection is recorded.
        assertThat(prometheus.query(selector("heaptrail:time_to_limit_seconds", stable))).isEmpty();
        // The pool label is folded away, everything else kept.
        assertThat(prometheus.query(selector("heaptrail:heap_floor_ratio", leaking)).get(0).labels())
                .containsOnlyKeys("__name__", "job", "instance");
    }

    @Test
    void everyRuleEvaluatesWithoutErrorOnKnownMetrics() throws Exception {
        List<Rule> rules = prometheus.rules();
        for (long deadline = System.nanoTime() + WAIT.toNanos(); rules.stream().anyMatch(r -> r.health().equals("unknown"))
                && System.nanoTime() < deadline; rules = prometheus.rules()) {
            Thread.sleep(200); // until every rule has been evaluated once
        }
        assertThat(rules).extracting(Rule::name).containsExactlyInAnyOrderElementsOf(union(RECORDED, ALERTS));
        for (Rule rule : rules) {
            assertThat(rule.health()).as(rule.name() + ": " + rule.lastError()).isEqualTo("ok");
            assertThat(metricNames(rule.query())).as(rule.query()).isSubsetOf(union(KNOWN_METRICS, RECORDED));
        }
    }

    @Test
    void alertsResolveWhenTheVerdictClears() throws Exception {
        Map<String, String> instance = Map.of("instance", recovering.instance());
        prometheus.awaitAlert("HeaptrailMemoryLeak", "firing", instance, WAIT);
        recovering.serve(STABLE);
        prometheus.awaitNoAlert("HeaptrailMemoryLeak", instance, WAIT);
        prometheus.awaitNoAlert("HeaptrailOutOfMemorySoon", instance, WAIT);
        assertThat(prometheus.alerts()).anyMatch(a -> a.name().equals("HeaptrailMemoryLeak")
                && a.instance().equals(leaking.instance()) && a.state().equals("firing"));
    }

    @Test
    void agentDownFiresForATargetThatDoesNotAnswer() throws Exception {
        Alert alert = prometheus.awaitAlert("HeaptrailAgentDown", "firing", Map.of("instance", down), WAIT);
        assertThat(alert.annotations().get("summary")).contains(down);
        assertThat(prometheus.alerts()).filteredOn(a -> a.name().equals("HeaptrailAgentDown"))
                .extracting(Alert::instance).containsOnly(down);
    }

    @Test
    void dashboardQueriesUseKnownMetricsAndRunOnPrometheus() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
        Map<String, JsonNode> variables = new java.util.HashMap<>();
        dashboard.path("templating").path("list").forEach(v -> variables.put(v.path("name").asText(), v));
        assertThat(variables.get("DS_PROMETHEUS").path("type").asText()).isEqualTo("datasource");
        assertThat(variables.get("DS_PROMETHEUS").path("query").asText()).isEqualTo("prometheus");
        String instanceQuery = variables.get("instance").path("query").path("query").asText();
        assertThat(instanceQuery).matches("label_values\\((\\w+), instance\\)");
        assertThat(KNOWN_METRICS).contains(instanceQuery.replaceAll("label_values\\((\\w+), instance\\)", "$1"));

        List<JsonNode> panels = new ArrayList<>();
        dashboard.path("panels").forEach(p -> {
            panels.add(p);
            p.path("panels").forEach(panels::add); // collapsed rows hold their panels
        });
        List<String> titles = new ArrayList<>();
        for (JsonNode panel : panels) {
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            String title = panel.path("title").asText();
            titles.add(title);
            assertThat(panel.path("datasource").path("uid").asText()).as(title).isEqualTo("${DS_PROMETHEUS}");
            assertThat(panel.path("targets")).as(title).isNotEmpty();
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                assertThat(expr).as(title).contains("instance=~\"$instance\"");
                String runnable = expr.replace("$instance", ".*")
                        .replace("$__rate_interval", "1m").replace("$__interval", "1m");
                assertThat(metricNames(runnable)).as(title + ": " + expr).isNotEmpty().isSubsetOf(KNOWN_METRICS);
                // Prometheus parses it (a typo'd function or bad syntax is an error) and, with the
                // stand-in exporters' series, the panel shows something.
                assertThat(prometheus.awaitQuery(runnable, WAIT)).as(title + ": " + runnable).isNotEmpty();
            }
        }
        assertThat(titles).contains("Leak verdict", "Time to limit", "Heap floor vs heap max", "Leak slope",
                "Evidence actions taken", "Metaspace and direct buffers", "heaptrail agent's own heap");
    }

    @Test
    void metricNamesAreTheSelectedSeriesOnly() {
        assertThat(metricNames("sum by (instance, action) (increase(heaptrail_actions_total{action=\"log\"}[5m] offset 1h)) * 1e6 > bool Inf"))
                .containsExactly("heaptrail_actions_total");
        assertThat(metricNames("a / on (job) group_left max without (pool) (heaptral_typo > 0)"))
                .containsExactly("a", "heaptral_typo");
    }

    // ---- helpers

    /** The names of the series a PromQL expression selects: what is left outside strings, label
     * matchers, ranges and label lists once functions, keywords and numbers are set aside. */
    static Set<String> metricNames(String promql) {
        String bare = promql.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`", " ")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("(?i)\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> keywords = Set.of("and", "or", "unless", "bool", "offset", "group_left", "group_right",
                "inf", "nan", "atan2");
        Set<String> names = new TreeSet<>();
        // Possessive, so "max(" is never read as "ma"; a letter right after a digit is part of a number (1e6, 5m).
        Matcher m = Pattern.compile("(?<![\\w:.])[A-Za-z_:][\\w:]*+(?!\\s*\\()").matcher(bare);
        while (m.find()) {
            if (!keywords.contains(m.group().toLowerCase())) {
                names.add(m.group());
            }
        }
        return names;
    }

    static double value(String metric, Exporter exporter) throws Exception {
        List<Sample> samples = prometheus.awaitQuery(selector(metric, exporter), WAIT);
        assertThat(samples).hasSize(1);
        return samples.get(0).value();
    }

    static String selector(String metric, Exporter exporter) {
        return metric + "{instance=\"" + exporter.instance() + "\"}";
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no deploy/ above " + Path.of("").toAbsolutePath());
    }

    static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    /** A stand-in for the agent's endpoint: serves Prometheus text format that a test can change. */
    static final class Exporter implements AutoCloseable {
        private final AtomicReference<String> text;
        private final HttpServer server;

        Exporter(String text) throws IOException {
            this.text = new AtomicReference<>(text);
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
            server.createContext("/metrics", exchange -> {
                byte[] body = this.text.get().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        }

        String instance() {
            return "127.0.0.1:" + server.getAddress().getPort();
        }

        void serve(String newText) {
            text.set(newText);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
