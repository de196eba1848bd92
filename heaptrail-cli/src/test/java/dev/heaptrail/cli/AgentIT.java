package dev.heaptrail.cli;

import dev.heaptrail.testkit.ChildProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.heaptrail.testkit.Jdks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.io.File;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.heaptrail.cli.AgentChild.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The agent run the three ways, on leaking and stable JVMs, with its evidence and its failures. */
@Execution(ExecutionMode.CONCURRENT)
class AgentIT {

    static final String FAST = "port=0,interval=1s,window=1m";

    static Path evidenceDir(String name) throws Exception {
        return Files.createDirectories(Path.of("target", "agent")).resolve(name + "-" + System.nanoTime());
    }

    static List<Path> files(Path dir, String kind) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("heaptrail-" + kind + "-")).toList();
        }
    }

    /** A webhook receiver on loopback that keeps every body POSTed to it. */
    static final class Hook implements AutoCloseable {
        final HttpServer server;
        final List<String> bodies = new CopyOnWriteArrayList<>();

        Hook() throws Exception {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hook", exchange -> {
                bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @Test
    void asJavaAgentItFindsALeakAndLeavesEveryKindOfEvidence() throws Exception {
        Path dir = evidenceDir("leak");
        try (Hook hook = new Hook(); AgentChild child = AgentChild.withAgent(FAST
                + ",actions=log+histogram+jfr+heapdump+webhook,actionInterval=1h,jfrDuration=5s,webhook=" + hook.url()
                + ",dir=" + dir, "-Xmx256m", "HeapLeak", "0.10")) {
            int port = child.metricsPort();
            String metrics = child.awaitMetric(port, "heaptrail_leak_verdict", 1, Duration.ofSeconds(45));
            assertThat(value(metrics, "heaptrail_leak_slope_bytes_per_second")).isPositive();
            assertThat(value(metrics, "heaptrail_time_to_limit_seconds")).isPositive().isLessThan(3600);
            assertThat(value(metrics, "heaptrail_heap_max_bytes")).isEqualTo(256.0 * (1 << 20));
            assertThat(value(metrics, "heaptrail_heap_floor_bytes")).isPositive();
            assertThat(metrics).contains("jvm_memory_used_bytes{area=\"heap\"}", "jvm_threads_current");
            // the first evidence says why it was taken: the leak called, or the projection to -Xmx a step earlier
            child.await(Pattern.compile("heaptrail-agent: (leak suspected in heap|heap projected to reach -Xmx)"), Duration.ofSeconds(10));
            child.await(Pattern.compile("JFR recording written"), Duration.ofSeconds(20));
            metrics = AgentChild.scrape(port);
            for (String action : List.of("log", "histogram", "heapdump", "webhook")) {
                assertThat(value(metrics, "heaptrail_actions_total{action=\"" + action + "\"}")).as(action).isEqualTo(1);
            }
            assertThat(Files.getPosixFilePermissions(dir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            Path dump = files(dir, "heapdump").get(0);
            assertThat(Files.getPosixFilePermissions(dump)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            CliRun histo = CliRun.of("histo", dump.toString(), "--format", "json", "--top", "3");
            assertThat(histo.exitCode()).as(histo.err()).isEqualTo(0);
            assertThat(histo.out()).contains("\"byte[]\""); // the leaked arrays, readable from the agent's dump
            assertThat(Files.readString(files(dir, "histogram").get(0))).contains("[B", "Total");
            assertThat(files(dir, "jfr")).hasSize(1);
            // Old Object Sample events, with the GC root each sampled object was found from
            List<jdk.jfr.consumer.RecordedEvent> samples = jdk.jfr.consumer.RecordingFile.readAllEvents(files(dir, "jfr").get(0))
                    .stream().filter(e -> e.getEventType().getName().equals("jdk.OldObjectSample")).toList();
            assertThat(samples).isNotEmpty();
            assertThat(samples).anyMatch(e -> e.getValue("root") != null);
            assertThat(hook.bodies).hasSize(1);
            JsonNode event = new ObjectMapper().readTree(hook.bodies.get(0));
            // the first evidence may come from the projection to -Xmx (under timeToLimit) one step before
            // the published verdict is raised (a leak needs 7 block minima): then it says inconclusive
            String verdict = event.get("verdict").asText();
            assertThat(verdict).isIn("leak", "inconclusive");
            if (verdict.equals("leak")) {
                assertThat(event.get("growingIn").asText()).isEqualTo("heap");
                assertThat(event.get("reason").asText()).startsWith("leak suspected in heap");
            } else {
                assertThat(event.get("reason").asText()).startsWith("heap projected to reach -Xmx in about");
            }
            assertThat(event.get("pid").asLong()).isEqualTo(child.process.pid());
            assertThat(event.get("files").toString()).contains("heapdump", "histogram");
            assertThat(child.process.isAlive()).isTrue();
        }
    }

    @Test
    void aStableJvmRaisesNothing() throws Exception {
        Path dir = evidenceDir("stable");
        try (AgentChild child = AgentChild.withAgent(FAST + ",actions=log+histogram+heapdump,dir=" + dir, "-Xmx256m",
                "Steady")) {
            int port = child.metricsPort();
            Thread.sleep(30_000);
            String metrics = AgentChild.scrape(port);
            assertThat(value(metrics, "heaptrail_leak_verdict")).isEqualTo(0);
            assertThat(metrics).doesNotContain("heaptrail_actions_total{");
            assertThat(files(dir, "heapdump")).isEmpty();
            assertThat(value(metrics, "heaptrail_agent_heap_bytes")).isPositive().isLessThan(5 << 20);
        }
    }

    @Test
    void asALibraryCallItServesTheSameMetrics() throws Exception {
        String cp = AgentChild.agentJar() + File.pathSeparator
                + Path.of(AgentTargets.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (AgentChild child = new AgentChild(List.of(AgentChild.java(), "-Xmx256m", "-cp", cp,
                AgentTargets.LibraryUser.class.getName(), FAST + ",actions=log", "0.10"))) {
            int port = child.metricsPort();
            assertThat(port).isPositive();
            String metrics = child.awaitMetric(port, "heaptrail_leak_verdict", 1, Duration.ofSeconds(45));
            assertThat(metrics).contains("jvm_memory_used_bytes");
        }
    }

    @Test
    void attachedToARunningJvmOnceEvenWhenAskedTwice() throws Exception {
        try (AgentChild child = new AgentChild(List.of(AgentChild.java(), "-Xmx256m", "-cp", AgentChild.appClassPath(),
                WatchTargets.class.getName() + "$HeapLeak", "0.10"))) {
            child.await(Pattern.compile("^ready$"), Duration.ofSeconds(20));
            CliRun first = CliRun.of("agent", "attach", Long.toString(child.process.pid()), FAST + ",actions=log");
            assertThat(first.exitCode()).as(first.err()).isEqualTo(0);
            assertThat(first.out()).contains("agent loaded into process " + child.process.pid());
            int port = child.metricsPort();
            assertThat(first.out()).contains(":" + port + "/metrics");
            CliRun second = CliRun.of("agent", "attach", Long.toString(child.process.pid()), "port=0");
            assertThat(second.exitCode()).isEqualTo(0);
            assertThat(second.out()).contains("runs the heaptrail agent already (metrics on port " + port + ")");
            child.awaitMetric(port, "heaptrail_leak_verdict", 1, Duration.ofSeconds(45));
            assertThat(child.lines.stream().filter(l -> l.contains("monitoring the heap floor")).count()).isEqualTo(1);
        }
    }

    @Test
    void failingActionsAreCountedAndTheOthersStillRun() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort(); // free again when the test posts to it: connection refused
        }
        Path dir = evidenceDir("failing");
        try (AgentChild child = AgentChild.withAgent(FAST + ",actions=log+histogram+webhook+heapdump,actionInterval=1h,"
                + "diskMargin=100000g,webhook=http://127.0.0.1:" + closed + "/hook,dir=" + dir, "-Xmx256m", "HeapLeak", "0.10")) {
            int port = child.metricsPort();
            child.awaitMetric(port, "heaptrail_leak_verdict", 1, Duration.ofSeconds(45));
            String metrics = child.awaitMetric(port, "heaptrail_action_failures_total{action=\"webhook\"}", 1, Duration.ofSeconds(15));
            assertThat(value(metrics, "heaptrail_action_failures_total{action=\"heapdump\"}")).isEqualTo(1);
            assertThat(value(metrics, "heaptrail_actions_total{action=\"histogram\"}")).isEqualTo(1);
            assertThat(files(dir, "heapdump")).isEmpty();
            assertThat(files(dir, "histogram")).hasSize(1);
            child.await(Pattern.compile("warning: heapdump failed: .*no heap dump: \\d+ MiB free"), Duration.ofSeconds(5));
            child.await(Pattern.compile("warning: webhook failed"), Duration.ofSeconds(5));
            assertThat(child.process.isAlive()).isTrue();
        }
    }

    @Test
    void aFloorNearTheMaximumSecuresAHeapDumpBeforeTheOutOfMemoryError() throws Exception {
        // no interval comes round within the test (1 h): only the high-water mark, heard on a collection, acts
        Path dir = evidenceDir("highwater");
        try (AgentChild child = AgentChild.withAgent("port=0,interval=1h,floorPercent=40,actions=log+heapdump,diskMargin=1m,dir="
                + dir, "-Xmx128m", "HeapLeak", "1.0")) {
            child.await(Pattern.compile("heap floor \\d+ MiB is \\d+ % of the 128 MiB maximum: securing evidence"), Duration.ofSeconds(40));
            child.await(Pattern.compile("heap dump written: "), Duration.ofSeconds(20));
            assertThat(files(dir, "heapdump")).hasSize(1);
            String metrics = AgentChild.scrape(child.metricsPort());
            assertThat(value(metrics, "heaptrail_actions_total{action=\"heapdump\"}")).isEqualTo(1);
        }
    }

    @Test
    void withoutJfrInTheJvmTheOtherActionsStillRun() throws Exception {
        // a runtime linked without jdk.jfr, as jlink makes them
        try (AgentChild child = new AgentChild(List.of(AgentChild.java(), "--limit-modules",
                "java.base,java.management,jdk.management,java.net.http,jdk.httpserver,java.instrument,java.logging",
                "-javaagent:" + AgentChild.agentJar() + "=" + FAST + ",actions=log+jfr,dir=" + evidenceDir("nojfr"),
                "-Xmx256m", "-cp", AgentChild.appClassPath(), WatchTargets.class.getName() + "$HeapLeak", "0.10"))) {
            int port = child.metricsPort();
            child.await(Pattern.compile("warning: jfr failed: .*jdk/jfr/Recording"), Duration.ofSeconds(45));
            String metrics = AgentChild.scrape(port);
            assertThat(value(metrics, "heaptrail_action_failures_total{action=\"jfr\"}")).isEqualTo(1);
            assertThat(value(metrics, "heaptrail_actions_total{action=\"log\"}")).isEqualTo(1);
            assertThat(child.process.isAlive()).isTrue();
        }
    }

    @Test
    void theApplicationEndsWhenItsMainEndsAgentOrNot() throws Exception {
        try (AgentChild child = new AgentChild(List.of(AgentChild.java(), "-javaagent:" + AgentChild.agentJar() + "=" + FAST,
                "-cp", AgentChild.appClassPath(), AgentTargets.ShortLived.class.getName()))) {
            assertThat(child.process.waitFor(40, java.util.concurrent.TimeUnit.SECONDS)).as(String.join("\n", child.lines)).isTrue();
            assertThat(child.process.exitValue()).isEqualTo(0);
            child.await(Pattern.compile("^done with the agent on port \\d+$"), Duration.ofSeconds(1));
        }
    }

    @Test
    void aHeapDumpOnAFullDiskIsSkippedWithAWarning() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "a small disk is mounted as tmpfs, which needs root");
        Path small = Files.createDirectories(Path.of("target", "agent-small-disk-" + System.nanoTime()));
        try (ChildProcess mount = ChildProcess.start(List.of("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", small.toString()))) {
            assumeTrue(mount.waitFor(Duration.ofSeconds(30)) == 0, "cannot mount a tmpfs here: " + mount.output());
        }
        try (AgentChild child = AgentChild.withAgent(FAST + ",actions=histogram+heapdump,diskMargin=0,dir=" + small.resolve("ev"),
                "-Xmx256m", "HeapLeak", "0.10")) {
            int port = child.metricsPort();
            child.await(Pattern.compile("warning: heapdump failed: .*no heap dump: \\d+ MiB free"), Duration.ofSeconds(45));
            assertThat(files(small.resolve("ev"), "heapdump")).isEmpty();
            assertThat(files(small.resolve("ev"), "histogram")).hasSize(1);
            assertThat(value(AgentChild.scrape(port), "heaptrail_action_failures_total{action=\"heapdump\"}")).isEqualTo(1);
        } finally {
            try (ChildProcess umount = ChildProcess.start(List.of("umount", small.toString()))) {
                umount.waitFor(Duration.ofSeconds(30));
            }
        }
    }

    @Test
    void onJdk21AndLaterAnAgentLoadedAtRunTimeComesWithTheJvmsWarningExplained() throws Exception {
        Optional<Path> jdk25 = Jdks.find(25);
        assumeTrue(jdk25.isPresent(), "no JDK 25 beside this one (set HEAPTRAIL_JDK25)");
        try (AgentChild child = new AgentChild(List.of(jdk25.get().toString(), "-Xmx64m", "-cp",
                AgentChild.appClassPath(), WatchTargets.class.getName() + "$Steady"))) {
            child.await(Pattern.compile("^ready$"), Duration.ofSeconds(20));
            CliRun run = CliRun.of("agent", "attach", Long.toString(child.process.pid()), FAST);
            assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
            assertThat(run.err()).contains("JDK 25 printed a warning", "-XX:+EnableDynamicAgentLoading");
            child.await(Pattern.compile("WARNING: A Java agent has been loaded dynamically"), Duration.ofSeconds(10));
            assertThat(AgentChild.scrape(child.metricsPort())).contains("heaptrail_leak_verdict");
        }
    }

    @Test
    void theAgentJarCarriesItsPrometheusClientRelocatedAndTheCliFindsIt() throws Exception {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(AgentChild.agentJar().toFile())) {
            assertThat(jar.stream().map(java.util.jar.JarEntry::getName)).noneMatch(n -> n.startsWith("io/prometheus/"))
                    .anyMatch(n -> n.startsWith("dev/heaptrail/agent/shaded/io/prometheus/metrics/core/"));
            assertThat(jar.getManifest().getMainAttributes().getValue("Premain-Class")).isEqualTo("dev.heaptrail.agent.HeaptrailAgent");
            assertThat(jar.getManifest().getMainAttributes().getValue("Agent-Class")).isEqualTo("dev.heaptrail.agent.HeaptrailAgent");
        }
        CliRun path = CliRun.of("agent", "path");
        assertThat(path.exitCode()).as(path.err()).isEqualTo(0);
        assertThat(Path.of(path.out().strip())).isRegularFile();
    }

    @Test
    void badOptionsLeaveTheApplicationRunningWithAWarning() throws Exception {
        try (AgentChild child = AgentChild.withAgent("port=0,colour=blue", "-Xmx64m", "Steady")) {
            child.await(Pattern.compile("heaptrail-agent: not started: unknown agent option \\[colour\\]"), Duration.ofSeconds(20));
            child.await(Pattern.compile("^ready$"), Duration.ofSeconds(20));
            Thread.sleep(1000);
            assertThat(child.process.isAlive()).isTrue();
        }
        try (AgentChild child = new AgentChild(List.of(AgentChild.java(), "-Xmx64m", "-cp", AgentChild.appClassPath(),
                WatchTargets.class.getName() + "$Steady"))) {
            child.await(Pattern.compile("^ready$"), Duration.ofSeconds(20));
            CliRun refused = CliRun.of("agent", "attach", Long.toString(child.process.pid()), "port=0,actions=email");
            assertThat(refused.exitCode()).isEqualTo(4);
            assertThat(refused.oneLineError()).contains("did not start");
            child.await(Pattern.compile("heaptrail-agent: not started: unknown action 'email'"), Duration.ofSeconds(5));
            assertThat(child.process.isAlive()).isTrue();
        }
        CliRun bad = CliRun.of("agent", "attach", "4242424", "port=0");
        assertThat(bad.exitCode()).isEqualTo(4);
        assertThat(bad.oneLineError()).contains("no process 4242424");
    }

    @Test
    void aJvmThatRefusesAgentsAtRunTimeGetsTheChoicesExplained() throws Exception {
        Optional<Path> jdk25 = Jdks.find(25);
        assumeTrue(jdk25.isPresent(), "no JDK 25 beside this one (set HEAPTRAIL_JDK25): -EnableDynamicAgentLoading needs 21+");
        try (AgentChild child = new AgentChild(List.of(jdk25.get().toString(), "-XX:-EnableDynamicAgentLoading", "-Xmx64m",
                "-cp", AgentChild.appClassPath(), WatchTargets.class.getName() + "$Steady"))) {
            child.await(Pattern.compile("^ready$"), Duration.ofSeconds(20));
            CliRun run = CliRun.of("agent", "attach", Long.toString(child.process.pid()), "port=0");
            assertThat(run.exitCode()).isEqualTo(4);
            assertThat(run.oneLineError()).contains("-XX:-EnableDynamicAgentLoading", "-javaagent:", "heaptrail watch");
            assertThat(child.process.isAlive()).isTrue();
        }
    }
}
