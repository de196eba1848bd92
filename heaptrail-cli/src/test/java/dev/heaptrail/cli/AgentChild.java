package dev.heaptrail.cli;

import dev.heaptrail.testkit.ChildProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A child JVM whose output is collected as it comes, with the agent's metrics one HTTP GET away.
 * For the integration tests (*IT), which run after {@code package}: the agent is the jar the build
 * just made, and the application's class path holds nothing of heaptrail's dependencies, so the
 * Prometheus client relocated inside the agent jar is the one that runs.
 */
final class AgentChild implements AutoCloseable {

    static final Pattern PORT = Pattern.compile("metrics on http://[^:]+:(\\d+)/metrics|^port (\\d+)$");

    final ChildProcess child;
    final Process process;
    final List<String> lines;

    /** Heavy: it holds one of as many permits as there are cores until it ends. */
    AgentChild(List<String> command) throws Exception {
        this(command, true);
    }

    /** A light one (an application that mostly waits) takes no permit. */
    AgentChild(List<String> command, boolean heavy) throws Exception {
        child = heavy ? ChildProcess.startHeavy(command) : ChildProcess.start(command);
        process = child.process();
        lines = child.lines();
    }

    /**
     * The shaded agent jar of this build. Fails, never skips, when it is missing or older than the
     * sources it is built from: a test must not pass on an agent jar an earlier build left.
     */
    static Path agentJar() {
        Path modules = Path.of("..").toAbsolutePath().normalize();
        Path jar = modules.resolve("heaptrail-agent/target/heaptrail-agent.jar");
        assertThat(jar).as("the agent jar (mvn -B verify packages it before the integration tests)").isRegularFile();
        try {
            FileTime built = Files.getLastModifiedTime(jar);
            for (String sources : List.of("heaptrail-agent/src/main", "heaptrail-live/src/main", "heaptrail-agent/pom.xml",
                    "heaptrail-live/pom.xml")) {
                try (Stream<Path> files = Files.walk(modules.resolve(sources))) {
                    Optional<Path> newer = files.filter(Files::isRegularFile)
                            .filter(f -> lastModified(f).compareTo(built) > 0).findFirst();
                    assertThat(newer).as("a source newer than the agent jar " + jar + ": it is stale; build it with"
                            + " mvn -B verify (or mvn -pl heaptrail-cli -am verify)").isEmpty();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    private static FileTime lastModified(Path f) {
        try {
            return Files.getLastModifiedTime(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The application's class path: the test classes alone (the targets need nothing but the JDK). */
    static String appClassPath() {
        return Path.of("target", "test-classes").toAbsolutePath().toString();
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A {@link WatchTargets} main with the agent on the command line. */
    static AgentChild withAgent(String agentOptions, String heap, String main, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-javaagent:" + agentJar() + "=" + agentOptions, heap,
                "-cp", appClassPath(), WatchTargets.class.getName() + "$" + main));
        command.addAll(List.of(args));
        return new AgentChild(command);
    }

    /** The first line matching, waiting up to the timeout; throws with everything seen when none comes. */
    Matcher await(Pattern pattern, Duration timeout) throws InterruptedException {
        return child.await(pattern, timeout);
    }

    int metricsPort() throws InterruptedException {
        Matcher m = await(PORT, Duration.ofSeconds(20));
        return Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
    }

    static String scrape(int port) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("GET /metrics answered " + r.statusCode());
        }
        return r.body();
    }

    /** The value of the sample {@code series} (name, with its labels as exposed), NaN when absent. */
    static double value(String exposition, String series) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]);
            }
        }
        return Double.NaN;
    }

    /** Scrapes until {@code series} reaches {@code value}, up to the timeout; returns the last exposition. */
    String awaitMetric(int port, String series, double value, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = scrape(port);
            if (value(last, series) == value) {
                return last;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(series + " did not reach " + value + " within " + timeout + "; last scrape:\n"
                + last.lines().filter(l -> l.startsWith("heaptrail_")).reduce("", (a, b) -> a + b + "\n")
                + "the child said:\n" + String.join("\n", lines));
    }

    @Override
    public void close() {
        child.close();
    }
}
