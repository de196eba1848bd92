package dev.heaptrail.alloc.profile;

import dev.heaptrail.live.JvmConnection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What heaptrail may have left in a target: a JFR recording, a running async-profiler, folders in /tmp. */
final class TargetState {

    private TargetState() {}

    /** The target's JFR recordings as {@code jcmd PID JFR.check} lists them (the JDK's own tool, not heaptrail's code). */
    static String jfrCheck(long pid) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "JFR.check").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    static boolean hasJfrRecording(long pid) throws IOException, InterruptedException {
        String out = jfrCheck(pid);
        if (out.contains("No available recordings") || out.contains("Flight Recorder is disabled")) {
            return false;
        }
        assertThat(out).as("jcmd JFR.check").contains("Recording ");
        return true;
    }

    /**
     * Whether async-profiler profiles in the target, asked of the copy heaptrail loads: the library
     * extracted to the same path is the one the target has loaded (the loader knows it by its path).
     */
    static boolean asyncProfilerRunning(long pid) throws IOException {
        AsyncProfilerAgent.Extracted library = AsyncProfilerAgent.extract(pid, "linux-x64");
        assertThat(library.shared()).as("the library's folder is the shared one").isTrue();
        try (JvmConnection jvm = JvmConnection.to(pid); TargetFolder work = TargetFolder.create(pid, "heaptrail-test-")) {
            return new AsyncProfilerAgent(jvm, pid, library.path(), work).running();
        } finally {
            library.folder().close();
        }
    }

    /** Whether any copy of async-profiler's library is loaded in the target (its memory map names it). */
    static boolean asyncProfilerLoaded(long pid) throws IOException {
        try (Stream<String> maps = Files.lines(Path.of("/proc", Long.toString(pid), "maps"))) {
            return maps.anyMatch(line -> line.contains("/libasyncProfiler.so"));
        }
    }

    /**
     * heaptrail's folders in /tmp now, all of them: the library's and every heaptrail's work folders.
     * Taken before a test, whoever's they are: judged by whose they are only afterwards, a folder a
     * killed heaptrail left long ago counted as "another heaptrail at work" while its PID had been
     * reused by a live process, and as left by the test once that process ended (a CI run saw it).
     */
    static Set<String> folders() throws IOException {
        try (Stream<Path> all = Files.list(Path.of("/tmp"))) {
            return all.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("heaptrail-async-profiler-") || n.startsWith("heaptrail-alloc-"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /**
     * The folders made since {@code before} and still there, but for those of other heaptrails at work
     * on the machine meanwhile: this JVM's profiles', and those of heaptrails no longer running.
     */
    static Set<String> left(Set<String> before) throws IOException {
        long self = ProcessHandle.current().pid();
        Set<String> now = folders();
        now.removeAll(before);
        now.removeIf(n -> !ours(n, self));
        return now;
    }

    private static boolean ours(String folder, long self) {
        Matcher m = Pattern.compile("heaptrail-alloc-(\\d+)-.*").matcher(folder);
        if (!m.matches()) {
            return true; // the library's folder: whose it is cannot be told
        }
        long pid = Long.parseLong(m.group(1));
        return pid == self || ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
    }

    /** Asserts that the target runs neither a recording nor the profiler, and that no folder of the profile is left. */
    static void assertLeftAsFound(long pid, Set<String> foldersBefore, boolean asyncProfilerLoaded)
            throws IOException, InterruptedException {
        assertThat(hasJfrRecording(pid)).as("a JFR recording is left in the target: " + jfrCheck(pid)).isFalse();
        if (asyncProfilerLoaded) {
            assertThat(asyncProfilerRunning(pid)).as("async-profiler still runs in the target").isFalse();
        } else {
            assertThat(asyncProfilerLoaded(pid)).as("async-profiler was loaded into the target").isFalse();
        }
        // none left behind; one that went meanwhile belonged to another heaptrail on the machine
        assertThat(left(foldersBefore)).as("heaptrail's folders left in /tmp").isEmpty();
    }
}
