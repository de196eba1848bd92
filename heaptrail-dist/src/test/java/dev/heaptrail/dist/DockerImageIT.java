package dev.heaptrail.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heaptrail.testkit.ChildProcess;
import dev.heaptrail.testkit.Jdks;
import dev.heaptrail.testkit.JvmHistogram;
import dev.heaptrail.testkit.KnownHeap;
import dev.heaptrail.testkit.KnownHeapDump;
import dev.heaptrail.testkit.MaySkipWithout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * The distribution's Dockerfile, built into an image and run as its comments say: heaptrail in a
 * container reading a dump mounted into it, and listing a JVM it shares the process namespace
 * with. Needs a Docker engine, which CI machines without a privileged host lack: there the
 * class is skipped, saying so ({@link MaySkipWithout}; issue 17 allows it). Everything short of the
 * engine (the image's Java runtime) is tested by DistributionIT.
 */
@MaySkipWithout("a Docker engine")
class DockerImageIT {

    private static final Path WORK = Path.of("target", "docker-it").toAbsolutePath();
    private static final String VERSION = System.getProperty("heaptrail.version", "0.1.0-SNAPSHOT");
    private static final String IMAGE = "heaptrail-it:" + VERSION.toLowerCase(java.util.Locale.ROOT);
    private static Path home;
    /** Why the image cannot be built here, or null: each test is skipped with it (a class-level skip would go unreported). */
    private static String absent;

    private record Run(int exitCode, String output) {}

    private static Run docker(Duration timeout, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        try (ChildProcess p = ChildProcess.start(new ProcessBuilder(command).redirectErrorStream(true), false)) {
            int code = p.waitFor(timeout);
            return new Run(code, p.output());
        }
    }

    @BeforeAll
    static void buildTheImage() throws Exception {
        Run info;
        try {
            info = docker(Duration.ofSeconds(30), "info", "--format", "{{.ServerVersion}}");
        } catch (java.io.IOException e) {
            absent = "no Docker client on the PATH (" + e.getMessage() + "): the image is built and run only where a Docker engine answers";
            return;
        }
        if (info.exitCode() != 0) {
            absent = "no Docker engine answers here ('docker info' exited " + info.exitCode() + ": "
                    + info.output().strip().lines().findFirst().orElse("") + "): the image is built and run only where one does";
            return;
        }
        Files.createDirectories(WORK);
        Path archive = Path.of("target", "heaptrail-" + VERSION + ".tar.gz").toAbsolutePath();
        assertThat(archive).as("mvn package makes the archive").exists();
        Process tar = new ProcessBuilder("tar", "xzf", archive.toString(), "-C", WORK.toString()).inheritIO().start();
        assertThat(tar.waitFor()).isZero();
        home = WORK.resolve("heaptrail-" + VERSION);
        // built in the unpacked distribution, as its Dockerfile's comment says
        Run build = docker(Duration.ofMinutes(10), "build", "-t", IMAGE, home.toString());
        assertThat(build.exitCode()).as(build.output()).isZero();
    }

    @BeforeEach
    void needsTheEngine() {
        if (absent != null) {
            abort(absent);
        }
    }

    @AfterAll
    static void removeTheImage() throws Exception {
        if (home != null) {
            docker(Duration.ofMinutes(1), "image", "rm", "-f", IMAGE);
        }
    }

    @Test
    void theImageRunsHeaptrailOnItsOwnJavaRuntime() throws Exception {
        Run version = docker(Duration.ofMinutes(1), "run", "--rm", IMAGE, "--version");
        assertThat(version.exitCode()).as(version.output()).isZero();
        assertThat(version.output()).contains("heaptrail " + VERSION, "Java 17");
    }

    @Test
    void histoInTheContainerCountsWhatTheJvmCounted() throws Exception {
        Path dir = WORK.resolve("dump");
        KnownHeapDump.Result known = KnownHeapDump.create(Jdks.current(), List.of("-Xmx64m"), dir, false);
        Run histo = docker(Duration.ofMinutes(2), "run", "--rm", "-v", dir + ":/dumps:ro", IMAGE,
                "histo", "/dumps/" + known.dump().getFileName(), "--top", "0", "--format", "json");
        assertThat(histo.exitCode()).as(histo.output()).isZero();
        JsonNode json = new ObjectMapper().readTree(histo.output().substring(histo.output().indexOf('{')));
        String session = KnownHeap.class.getName() + "$Session";
        long expected = JvmHistogram.parse(known.histogram()).rows().stream()
                .filter(r -> JvmHistogram.javaName(r.className()).equals(session)).mapToLong(JvmHistogram.Row::instances)
                .findFirst().orElseThrow();
        long counted = -1;
        for (JsonNode c : json.get("classes")) {
            if (c.get("class").asText().equals(session)) {
                counted = c.get("instances").asLong();
            }
        }
        assertThat(counted).isEqualTo(expected);
    }

    @Test
    void inTheHostsProcessNamespaceItSeesTheJvmsThere() throws Exception {
        try (ChildProcess target = ChildProcess.start(ChildProcess.javaCommand(Jdks.current(), List.of("-Xmx64m"),
                KnownHeap.class.getName(), List.of()))) {
            target.await(Pattern.compile("^ready "), Duration.ofSeconds(60));
            // the kubectl-debug set-up of deploy/kubernetes/README.md: one process namespace
            Run ps = docker(Duration.ofMinutes(1), "run", "--rm", "--pid=host", IMAGE, "ps", "--format", "json");
            assertThat(ps.exitCode()).as(ps.output()).isZero();
            assertThat(ps.output()).contains("\"pid\" : " + target.pid());
        }
    }
}
