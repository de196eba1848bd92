package dev.heaptrail.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A child JVM whose output is collected as it comes, with the agent's metrics one HTTP GET away. */
final class AgentChild implements AutoCloseable {

    static final Pattern PORT = Pattern.compile("metrics on http://[^:]+:(\\d+)/metrics|^port (\\d+)$");

    final Process process;
    final List<String> lines = new CopyOnWriteArrayList<>();

    AgentChild(List<String> command) throws Exception {
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                // the child ended
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    /** The shaded agent jar the build made (the tests run after the agent module is packaged). */
    static Path agentJar() {
        Path jar = Path.of("..", "heaptrail-agent", "target", "heaptrail-agent.jar").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(jar), "no agent jar at " + jar + ": build it first (mvn -B verify packages it)");
        return jar;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A {@link WatchTargets} main with the agent on the command line. */
    static AgentChild withAgent(String agentOptions, String heap, String main, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-javaagent:" + agentJar() + "=" + agentOptions, heap,
                "-cp", System.getProperty("java.class.path"), WatchTargets.class.getName() + "$" + main));
        command.addAll(List.of(args));
        return new AgentChild(command);
    }

    /** The first line matching, waiting up to the timeout; throws with everything seen when none comes. */
    Matcher await(Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : lines) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    return m;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no line matching " + pattern + " within " + timeout + "; the child said:\n"
                + String.join("\n", lines));
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
    public void close() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
}
