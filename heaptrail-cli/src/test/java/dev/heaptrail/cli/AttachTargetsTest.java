package dev.heaptrail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heaptrail.testkit.Jdks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import dev.heaptrail.testkit.ChildProcess;
import dev.heaptrail.testkit.ClassPathCopy;
import org.junit.jupiter.api.AfterAll;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The targets attach meets outside the easy case: another Java version, another user, attach
 * disabled, a disk too small for the dump. Run as root these use {@code setpriv} and {@code mount}.
 */
class AttachTargetsTest {

    static final String MARKER = LiveCommandsTest.Marker.class.getName();

    static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Starts the known-heap child ({@link LiveCommandsTest.Holder}) with this launcher and options. */
    static ChildProcess holder(List<String> prefix, String java, String classPath, String... options) throws Exception {
        List<String> command = new ArrayList<>(prefix);
        command.add(java);
        command.add("-Xmx128m");
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", classPath, LiveCommandsTest.Holder.class.getName()));
        ChildProcess p = ChildProcess.start(command);
        p.await(Pattern.compile("^\\d+ .+"), Duration.ofSeconds(60));
        return p;
    }

    static long markers(CliRun run) throws IOException {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        for (JsonNode row : new ObjectMapper().readTree(run.out()).get("classes")) {
            if (row.get("class").asText().equals(MARKER)) {
                return row.get("instances").asLong();
            }
        }
        return 0;
    }

    /** A copy of the test classpath every user can read, made once, removed when the class is done. */
    static ClassPathCopy classPathCopy;

    static synchronized String readableClassPath() throws IOException {
        if (classPathCopy == null) {
            classPathCopy = ClassPathCopy.create();
        }
        return classPathCopy.classPath();
    }

    @AfterAll
    static void removeClassPathCopy() throws IOException {
        if (classPathCopy != null) {
            classPathCopy.close();
        }
    }

    /**
     * Runs the rest as nobody. A change of user clears the parent-death signal ChildProcess set, so a
     * second setpriv, already nobody, sets it again: the child still dies with the test JVM.
     */
    static final List<String> AS_NOBODY = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--",
            "setpriv", "--pdeathsig", "KILL", "--");

    /** A known heap in source form, so any JDK from 11 on runs it with its source launcher. */
    static final String OTHER_JDK_HOLDER = String.join("\n",
            "import java.util.ArrayList;",
            "import java.util.List;",
            "public class OtherJdkHolder {",
            "    public static final class Marker {}",
            "    static final List<Marker> KEEP = new ArrayList<>();",
            "    public static void main(String[] args) throws Exception {",
            "        for (int i = 0; i < 12_345; i++) KEEP.add(new Marker());",
            "        System.out.println(Runtime.getRuntime().maxMemory() + \" \" + System.getProperty(\"java.version\"));",
            "        Thread.sleep(120_000);",
            "    }",
            "}", "");

    /** JDK 11 and 25 are required (.ci/setup installs them); 21 is tested where there is one (Debian 12 has none). */
    static List<Integer> otherJdks() {
        List<Integer> features = new ArrayList<>(List.of(11, 25));
        if (Jdks.find(21).isPresent()) {
            features.add(1, 21);
        }
        return features;
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("otherJdks")
    void aTargetOfAnotherJdkIsReadFromThisOne(int feature) throws Exception {
        Optional<Path> java = Jdks.find(feature);
        assumeTrue(java.isPresent(), "no JDK " + feature + " beside this one (set HEAPTRAIL_JDK" + feature
                + " to test against one, or run .ci/setup)");
        Path source = Files.createDirectories(Path.of("target", "other-jdk")).resolve("OtherJdkHolder.java");
        Files.writeString(source, OTHER_JDK_HOLDER);
        try (ChildProcess p = ChildProcess.start(List.of(java.get().toString(), "-Xmx128m", source.toString()))) {
            String ready = p.await(Pattern.compile("^\\d+ .+"), Duration.ofSeconds(120)).group();
            assertThat(ready.split(" ")[1]).startsWith(feature == 11 ? "11." : feature + "");
            CliRun histo = CliRun.of("histo", Long.toString(p.pid()), "--filter", "Marker$", "--format", "json");
            assertThat(histo.exitCode()).as(histo.err()).isEqualTo(0);
            JsonNode rows = new ObjectMapper().readTree(histo.out()).get("classes");
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).get("class").asText()).isEqualTo("OtherJdkHolder$Marker");
            assertThat(rows.get(0).get("instances").asLong()).isEqualTo(12_345);
            CliRun watch = CliRun.of("watch", Long.toString(p.pid()), "--interval", "500ms", "--duration", "2s",
                    "--format", "json");
            JsonNode json = new ObjectMapper().readTree(watch.out());
            assertThat(json.get("kind").asText()).as(watch.err()).isEqualTo("jvm");
            assertThat(json.get("samples").get(0).get("heapMaxBytes").asLong()).isEqualTo(Long.parseLong(ready.split(" ")[0]));
        }
    }

    @Test
    void aJvmOfAnotherUserIsAttachedAsRoot() throws Exception {
        assumeTrue(root(), "attaching to another user's JVM needs root (run the tests as root to cover it)");
        try (ChildProcess p = holder(AS_NOBODY, Jdks.current().toString(), readableClassPath())) {
            assertThat(markers(CliRun.of("histo", Long.toString(p.pid()), "--filter", "Marker$", "--format", "json")))
                    .isEqualTo(LiveCommandsTest.MARKERS);
        }
    }

    @Test
    void anotherUsersJvmIsAOneLineErrorForAPlainUser() throws Exception {
        assumeTrue(root(), "switching to a plain user needs root (run the tests as root to cover it)");
        String classPath = readableClassPath();
        try (ChildProcess rootJvm = holder(List.of(), Jdks.current().toString(), classPath)) {
            List<String> command = new ArrayList<>(AS_NOBODY);
            command.addAll(List.of(Jdks.current().toString(), "-cp", classPath, Main.class.getName(),
                    "histo", Long.toString(rootJvm.pid())));
            Path errFile = classPathCopy.dir().resolve("cli.err");
            Files.writeString(errFile, "");
            Files.setPosixFilePermissions(errFile, PosixFilePermissions.fromString("rw-rw-rw-"));
            try (ChildProcess cli = ChildProcess.start(new ProcessBuilder(command).directory(new File("/tmp"))
                    .redirectError(errFile.toFile()), false)) {
                int exit = cli.waitFor(Duration.ofSeconds(30));
                String err = Files.readString(errFile).strip();
                assertThat(exit).as(err).isEqualTo(4);
                assertThat(err).doesNotContain("\n").contains("belongs to user root").contains("run heaptrail as root");
            }
            assertThat(rootJvm.process().isAlive()).isTrue();
        }
    }

    @Test
    void attachDisabledIsAOneLineErrorAndWatchFallsBackToResidentMemory() throws Exception {
        try (ChildProcess p = holder(List.of(), Jdks.current().toString(), System.getProperty("java.class.path"),
                "-XX:+DisableAttachMechanism")) {
            CliRun histo = CliRun.of("histo", Long.toString(p.pid()));
            assertThat(histo.exitCode()).isEqualTo(4);
            assertThat(histo.oneLineError()).contains("-XX:+DisableAttachMechanism").contains("restart it without");
            CliRun watch = CliRun.of("watch", Long.toString(p.pid()), "--interval", "500ms", "--duration", "1s",
                    "--format", "json", "-q");
            assertThat(watch.exitCode()).isEqualTo(0);
            assertThat(new ObjectMapper().readTree(watch.out()).get("kind").asText()).isEqualTo("process");
            assertThat(watch.oneLineError()).contains("watching its resident memory only");
            assertThat(p.process().isAlive()).isTrue();
        }
    }

    @Test
    void dumpRefusesADiskWithLessRoomThanTheHeapInUse() throws Exception {
        assumeTrue(root(), "a small disk is mounted as tmpfs, which needs root");
        Path small = Files.createDirectories(Path.of("target", "small-disk-" + ProcessHandle.current().pid()));
        try (ChildProcess mount = ChildProcess.start(List.of("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", small.toString()))) {
            assumeTrue(mount.waitFor(Duration.ofSeconds(30)) == 0, "cannot mount a tmpfs here: " + mount.output());
        }
        try (ChildProcess p = holder(List.of(), Jdks.current().toString(), System.getProperty("java.class.path"))) {
            Path dump = small.resolve("refused.hprof");
            CliRun run = CliRun.of("dump", Long.toString(p.pid()), "-o", dump.toString());
            assertThat(run.exitCode()).isEqualTo(4);
            assertThat(run.oneLineError()).contains("MiB free").contains("the heap uses");
            assertThat(dump).doesNotExist();
        } finally {
            try (ChildProcess umount = ChildProcess.start(List.of("umount", small.toString()))) {
                umount.waitFor(Duration.ofSeconds(30));
            }
        }
    }
}
