package dev.heaptrail.cli;

import dev.heaptrail.testkit.PrometheusServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * End to end: a real Prometheus scrapes two JVMs running the agent, one leaking and one stable,
 * evaluates the shipped rules (with their for: durations shortened), and its HTTP API says which
 * alert fires for whom.
 */
// Isolated: it holds two heavy children at once; beside another such test, each could hold one core
// and wait for the other forever
@org.junit.jupiter.api.parallel.Isolated
class PrometheusAlertsIT {

    static Path shippedRules() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path rules = dir.resolve("deploy/prometheus/heaptrail-rules.yml");
            if (Files.isRegularFile(rules)) {
                return rules;
            }
        }
        throw new IllegalStateException("no deploy/prometheus/heaptrail-rules.yml above " + Path.of("").toAbsolutePath());
    }

    @Test
    void theLeakAlertFiresForTheLeakingJvmAndNotForTheStableOne() throws Exception {
        assumeTrue(PrometheusServer.available(), PrometheusServer.whyUnavailable());
        Path work = Files.createDirectories(Path.of("target", "prometheus-e2e-" + System.nanoTime()));
        Path rules = PrometheusServer.withShortFor(shippedRules(), Duration.ofSeconds(5), work.resolve("rules.yml"));
        String options = "port=0,interval=1s,window=1m,actions=log";
        try (AgentChild leaking = AgentChild.withAgent(options, "-Xmx256m", "HeapLeak", "0.10");
             AgentChild stable = AgentChild.withAgent(options, "-Xmx256m", "Steady")) {
            String leak = "127.0.0.1:" + leaking.metricsPort();
            String steady = "127.0.0.1:" + stable.metricsPort();
            try (PrometheusServer prometheus = PrometheusServer.start(work, List.of(leak, steady), rules,
                    Duration.ofSeconds(1), Duration.ofSeconds(1))) {
                PrometheusServer.Alert alert = prometheus.awaitAlert("HeaptrailMemoryLeak", "firing",
                        Map.of("instance", leak), Duration.ofSeconds(75));
                assertThat(alert.annotations().get("description")).contains("heap floor rises by", "B/h", "reaches its limit in");
                prometheus.awaitAlert("HeaptrailOutOfMemorySoon", "firing", Map.of("instance", leak), Duration.ofSeconds(30));
                assertThat(prometheus.alerts()).noneMatch(a -> steady.equals(a.instance()));
                assertThat(prometheus.query("heaptrail_leak_verdict")).anyMatch(s -> s.label("instance").equals(steady)
                        && s.value() == 0);
                assertThat(prometheus.query("heaptrail:leak_slope_bytes_per_hour")).anyMatch(s -> s.label("instance").equals(leak)
                        && s.value() > 0.5 * 0.10 * (256 << 20) * 60);
            }
        }
    }
}
