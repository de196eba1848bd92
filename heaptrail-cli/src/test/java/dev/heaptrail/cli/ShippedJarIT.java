package dev.heaptrail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heaptrail.testkit.ChildProcess;
import dev.heaptrail.testkit.Jdks;
import dev.heaptrail.testkit.JvmHistogram;
import dev.heaptrail.testkit.KnownHeap;
import dev.heaptrail.testkit.KnownHeapDump;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user runs, run as a user would, after {@code package}: {@code java -jar heaptrail.jar} and
 * the {@code ./heaptrail} launcher of the README's quick start, as separate processes, on a real dump.
 */
class ShippedJarIT {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path JAR = ROOT.resolve("heaptrail-cli/target/heaptrail.jar");
    static KnownHeapDump.Result known;

    /** A finished command: exit code, stdout, stderr. */
    record Run(int exit, String out, String err) {}

    @BeforeAll
    static void dump() throws Exception {
        assertThat(JAR).as("the shipped jar (mvn -B verify packages it before the integration tests)").isRegularFile();
        known = KnownHeapDump.create(Jdks.current(), List.of("-Xmx128m"), Path.of("target", "it-known"), false);
    }

    static Run run(Map<String, String> env, String... command) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "it-runs"));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(env);
        builder.environment().put("HEAPTRAIL_BUILD", "never"); // never a nested Maven build inside the test run
        try (ChildProcess p = ChildProcess.start(builder, false)) {
            int exit = p.waitFor(Duration.ofMinutes(3));
            return new Run(exit, Files.readString(out), Files.readString(err));
        }
    }

    /** {@code java [JVM options] -jar heaptrail.jar ARGS}: leading arguments that start with -X are the JVM's. */
    static Run jar(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Jdks.current().toString()));
        int i = 0;
        while (i < args.length && args[i].startsWith("-X")) {
            command.add(args[i++]);
        }
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args).subList(i, args.length));
        return run(Map.of(), command.toArray(String[]::new));
    }

    static Run launcher(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("heaptrail").toString()));
        command.addAll(List.of(args));
        // the launcher runs the java of JAVA_HOME: the one running the tests; its class-data archives go
        // under target/, not into the cache of whoever runs the tests
        return run(Map.of("JAVA_HOME", Path.of(System.getProperty("java.home")).toString(),
                "XDG_CACHE_HOME", Path.of("target", "it-cache").toAbsolutePath().toString()), command.toArray(String[]::new));
    }

    @Test
    void theJarCountsAKnownHeapAsTheJvmDoes() throws Exception {
        Run run = jar("histo", known.dump().toString(), "--format", "json");
        assertThat(run.exit()).as(run.err()).isZero();
        Map<String, Long> instances = new HashMap<>();
        for (JsonNode row : new ObjectMapper().readTree(run.out()).get("classes")) {
            instances.put(row.get("class").asText(), row.get("instances").asLong());
        }
        KnownHeap.EXPECTED.forEach((name, count) -> assertThat(instances.get(name)).as(name).isEqualTo(count.longValue()));
        JvmHistogram truth = JvmHistogram.parse(known.histogram());
        for (String name : List.of("java.lang.String", "long[]")) {
            assertThat(instances.get(name)).as(name).isEqualTo(
                    truth.rows().stream().filter(r -> r.className().equals(name)).findFirst().orElseThrow().instances());
        }
    }

    @Test
    void theJarSaysWhatIsWrongWithACorruptDumpInOneLineAndExits3() throws Exception {
        byte[] bytes = Files.readAllBytes(known.dump());
        Path cut = Files.write(Path.of("target", "it-known", "cut.hprof").toAbsolutePath(), java.util.Arrays.copyOf(bytes, bytes.length / 3));
        for (String command : List.of("histo", "analyze")) {
            Run run = jar(command, cut.toString());
            assertThat(run.exit()).as(command + ": " + run.err()).isEqualTo(3);
            assertThat(run.err().strip()).as(command).doesNotContain("\n").doesNotContain("Exception")
                    .startsWith("heaptrail: " + cut).contains("truncated");
        }
        Run usage = jar("histo");
        assertThat(usage.exit()).isEqualTo(2);
    }

    @Test
    void theLauncherRunsTheQuickStartDemo() throws Exception {
        Path dir = Path.of("heaptrail-cli", "target", "it-demo");
        Run run = launcher("demo", "--requests", "2000", "--dir", dir.toString(), "--quiet");
        assertThat(run.err()).doesNotContain("older than the sources").doesNotContain("building");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("handled 2,000 requests")
                .contains("Suspect 1: static field SessionStore.SESSIONS (java.util.HashMap)")
                .contains("unbounded collection in a static field");
    }

    @Test
    void theLauncherAndTheJarHandOutTheAgentThisBuildMade() throws Exception {
        Run run = launcher("agent", "path");
        assertThat(run.exit()).as(run.err()).isZero();
        Path extracted = Path.of(run.out().strip());
        assertThat(extracted).isRegularFile();
        assertThat(Files.readAllBytes(extracted)).as("the bundled agent is the one the agent module just built")
                .isEqualTo(Files.readAllBytes(AgentChild.agentJar()));
    }

    @Test
    void versionIsAnsweredWithoutLoadingTheCommandLineParser() throws Exception {
        for (String flag : List.of("--version", "-V")) {
            Run version = jar("-Xlog:class+load=info:stderr", flag);
            assertThat(version.exit()).as(version.err()).isZero();
            // the same two lines picocli's version provider gives in-process
            assertThat(version.out().lines()).containsExactly(VersionLines.lines());
            assertThat(version.err()).contains("dev.heaptrail.cli.VersionLines").doesNotContain("picocli.");
        }
    }
}
