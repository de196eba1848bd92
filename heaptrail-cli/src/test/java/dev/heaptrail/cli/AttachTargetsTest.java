package dev.heaptrail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heaptrail.testkit.Jdks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    static Process holder(List<String> prefix, String java, String classPath, String... options) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.add(java);
        command.add("-Xmx128m");
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", classPath, LiveCommandsTest.Holder.class.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String ready = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertThat(ready).as("the child's first line").matches("\\d+ .+");
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

    /** A copy of the test classpath that every user can read (the build folder may not be). */
    static String readableClassPath() throws IOException {
        Path dir = Files.createTempDirectory("heaptrail-cp");
        List<String> entries = new ArrayList<>();
        int i = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path source = Path.of(entry);
            if (!Files.exists(source)) {
                continue;
            }
            Path target = dir.resolve(i++ + "-" + source.getFileName());
            try (Stream<Path> files = Files.walk(source)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Path t = target.resolve(source.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(t);
                    } else {
                        Files.copy(f, t, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            entries.add(target.toString());
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(Files.isDirectory(f) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    static final List<String> AS_NOBODY = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");

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

    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {11, 21, 25})
    void aTargetOfAnotherJdkIsReadFromThisOne(int feature) throws Exception {
        Optional<Path> java = Jdks.find(feature);
        assumeTrue(java.isPresent(), "no JDK " + feature + " beside this one (set HEAPTRAIL_JDK" + feature
                + " to test against one)");
        Path source = Files.createDirectories(Path.of("target", "other-jdk")).resolve("OtherJdkHolder.java");
        Files.writeString(source, OTHER_JDK_HOLDER);
        Process p = new ProcessBuilder(java.get().toString(), "-Xmx128m", source.toString()).redirectErrorStream(true).start();
        try {
            String ready = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertThat(ready).as("the child's first line").matches("\\d+ .+");
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
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aJvmOfAnotherUserIsAttachedAsRoot() throws Exception {
        assumeTrue(root(), "attaching to another user's JVM needs root (run the tests as root to cover it)");
        Process p = holder(AS_NOBODY, Jdks.current().toString(), readableClassPath());
        try {
            assertThat(markers(CliRun.of("histo", Long.toString(p.pid()), "--filter", "Marker$", "--format", "json")))
                    .isEqualTo(LiveCommandsTest.MARKERS);
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void anotherUsersJvmIsAOneLineErrorForAPlainUser() throws Exception {
        assumeTrue(root(), "switching to a plain user needs root (run the tests as root to cover it)");
        String classPath = readableClassPath();
        Process rootJvm = holder(List.of(), Jdks.current().toString(), classPath);
        try {
            List<String> command = new ArrayList<>(AS_NOBODY);
            command.addAll(List.of(Jdks.current().toString(), "-cp", classPath, Main.class.getName(),
                    "histo", Long.toString(rootJvm.pid())));
            Process cli = new ProcessBuilder(command).directory(new File("/tmp")).start();
            String err = new String(cli.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(cli.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(cli.exitValue()).as(err).isEqualTo(4);
            assertThat(err).doesNotContain("\n").contains("belongs to user root").contains("run heaptrail as root");
            assertThat(rootJvm.isAlive()).isTrue();
        } finally {
            rootJvm.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void attachDisabledIsAOneLineErrorAndWatchFallsBackToResidentMemory() throws Exception {
        Process p = holder(List.of(), Jdks.current().toString(), System.getProperty("java.class.path"),
                "-XX:+DisableAttachMechanism");
        try {
            CliRun histo = CliRun.of("histo", Long.toString(p.pid()));
            assertThat(histo.exitCode()).isEqualTo(4);
            assertThat(histo.oneLineError()).contains("-XX:+DisableAttachMechanism").contains("restart it without");
            CliRun watch = CliRun.of("watch", Long.toString(p.pid()), "--interval", "500ms", "--duration", "1s",
                    "--format", "json", "-q");
            assertThat(watch.exitCode()).isEqualTo(0);
            assertThat(new ObjectMapper().readTree(watch.out()).get("kind").asText()).isEqualTo("process");
            assertThat(watch.oneLineError()).contains("watching its resident memory only");
            assertThat(p.isAlive()).isTrue();
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void dumpRefusesADiskWithLessRoomThanTheHeapInUse() throws Exception {
        assumeTrue(root(), "a small disk is mounted as tmpfs, which needs root");
        Path small = Files.createDirectories(Path.of("target", "small-disk-" + ProcessHandle.current().pid()));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", small.toString())
                .redirectErrorStream(true).start();
        assumeTrue(mount.waitFor() == 0, "cannot mount a tmpfs here: " + new String(mount.getInputStream().readAllBytes()));
        Process p = holder(List.of(), Jdks.current().toString(), System.getProperty("java.class.path"));
        try {
            Path dump = small.resolve("refused.hprof");
            CliRun run = CliRun.of("dump", Long.toString(p.pid()), "-o", dump.toString());
            assertThat(run.exitCode()).isEqualTo(4);
            assertThat(run.oneLineError()).contains("MiB free").contains("the heap uses");
            assertThat(dump).doesNotExist();
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            new ProcessBuilder("umount", small.toString()).start().waitFor();
        }
    }
}
