package dev.heaptrail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heaptrail.testkit.ChildProcess;
import dev.heaptrail.testkit.Jdks;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Heaps of real programs that do not leak, dumped by the test: {@code analyze} must not call them
 * leaks. One dump cannot show growth; what is only large is listed as such and the exit code is 0.
 */
class HealthyProgramsTest {

    private static final Path DIR = Path.of("target", "healthy-programs").toAbsolutePath();
    private static final Set<String> ONLY_LARGE = Set.of("large-structure", "large-object");

    /** The JDK's JShell after two snippets: javac's context pool and JShell's class-name index are large, not leaks. */
    @Test
    void jshellAfterTwoSnippets() throws Exception {
        Path bin = Jdks.current().getParent();
        Path dump = DIR.resolve("jshell.hprof");
        try (ChildProcess jshell = ChildProcess.startHeavy(List.of(bin.resolve("jshell").toString(), "-q"))) {
            jshell.send("int x = 42;");
            jshell.send("System.out.println(\"snippet \" + (x + 1));");
            jshell.await(Pattern.compile("snippet 43$"), Duration.ofSeconds(180));
            heapDump(bin, jshell.pid(), dump);
            jshell.send("/exit");
            jshell.waitFor(Duration.ofSeconds(60));
        }
        JsonNode result = analyze(dump, 0);
        List<String> traces = new ArrayList<>();
        for (JsonNode s : result.get("suspects")) {
            assertOnlyLarge(s);
            traces.add(s.get("path").toString());
        }
        // the two structures the issue measured are still listed, as large: javac's pool of contexts (3 of them)
        JsonNode pool = suspectEndingIn(result, "options2Contexts");
        assertThat(pool.get("pattern").asText()).isEqualTo("large-structure");
        assertThat(pool.get("accumulationPoint").get("elements").asLong()).isEqualTo(3);
        assertThat(pool.get("why").asText()).isEqualTo("3 elements, too few to be a pile-up; one dump cannot show whether it grows");
        assertThat(traces).anyMatch(t -> t.contains("\"classSimpleName2FQN\""));
    }

    /** The JDK's jwebserver (JDK 18 and later: the JDK 25 beside) after 2,000 requests. */
    @Test
    void jwebserverAfter2000Requests() throws Exception {
        Optional<Path> java25 = Jdks.find(25);
        assumeTrue(java25.isPresent(), "no JDK 25 here (set HEAPTRAIL_JDK25 or install one under /usr/lib/jvm)");
        Path bin = java25.get().getParent();
        Path site = DIR.resolve("site");
        Files.createDirectories(site);
        Files.writeString(site.resolve("index.html"), "<p>hello</p>\n");
        Path dump = DIR.resolve("jwebserver.hprof");
        try (ChildProcess server = ChildProcess.startHeavy(List.of(bin.resolve("jwebserver").toString(), "-b", "127.0.0.1",
                "-p", "0", "-d", site.toString(), "-o", "none"))) {
            Matcher url = server.await(Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/)"), Duration.ofSeconds(120));
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            HttpRequest get = HttpRequest.newBuilder(URI.create(url.group(1) + "index.html")).timeout(Duration.ofSeconds(10)).build();
            for (int i = 0; i < 2_000; i++) {
                HttpResponse<String> response = client.send(get, HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("<p>hello</p>\n");
            }
            heapDump(bin, server.pid(), dump);
        }
        for (JsonNode s : analyze(dump, 0).get("suspects")) {
            assertOnlyLarge(s);
        }
    }

    private static void assertOnlyLarge(JsonNode s) {
        assertThat(s.get("leakLike").asBoolean()).as(s.toString()).isFalse();
        assertThat(s.get("pattern").asText()).as(s.toString()).isIn(ONLY_LARGE);
        assertThat(s.get("why").asText()).endsWith("one dump cannot show whether it grows");
    }

    private static JsonNode suspectEndingIn(JsonNode result, String field) {
        for (JsonNode s : result.get("suspects")) {
            JsonNode path = s.get("path");
            if (field.equals(path.get(path.size() - 1).path("field").asText())) {
                return s;
            }
        }
        throw new AssertionError("no suspect held by ." + field + ": " + result);
    }

    private static JsonNode analyze(Path dump, int exitCode) throws IOException {
        CliRun run = CliRun.of("analyze", dump.toString(), "--index-dir", DIR.resolve("index").toString(), "--format", "json", "--quiet");
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(exitCode);
        return new ObjectMapper().readTree(run.out());
    }

    private static void heapDump(Path bin, long pid, Path dump) throws IOException, InterruptedException {
        Files.createDirectories(dump.getParent());
        Files.deleteIfExists(dump);
        for (List<String> args : List.of(List.of("VM.version"), List.of("GC.heap_dump", dump.toString()))) {
            List<String> command = new ArrayList<>(List.of(bin.resolve("jcmd").toString(), Long.toString(pid)));
            command.addAll(args);
            try (ChildProcess jcmd = ChildProcess.start(command)) {
                assertThat(jcmd.waitFor(Duration.ofSeconds(120))).as(jcmd.output()).isZero();
            }
        }
        assertThat(dump).exists();
    }
}
