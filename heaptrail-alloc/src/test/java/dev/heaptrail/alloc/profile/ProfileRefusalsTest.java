package dev.heaptrail.alloc.profile;

import dev.heaptrail.alloc.Source;
import dev.heaptrail.live.AttachFailedException;
import dev.heaptrail.testkit.ChildProcess;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What cannot be profiled is refused in one line that says what to do instead. */
class ProfileRefusalsTest {

    static AllocationProfiler profiler(long pid, String name) throws Exception {
        return new AllocationProfiler(pid, ProfileOptions.defaults(AllocationProfilerTest.output(name))
                .withDuration(Duration.ofSeconds(2)));
    }

    @Test
    void aJvmWithAttachDisabledGetsTheFlagThatRecordsFromItsStart() throws Exception {
        try (ChildProcess target = BusyTarget.start(17, List.of("-XX:+DisableAttachMechanism"), "--rate", "50");
             AllocationProfiler profiler = profiler(target.pid(), "no-attach.jfr")) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> profiler.profile(ProfileProgress.NONE)).isInstanceOf(AttachFailedException.class)
                    .hasMessage("process " + target.pid() + " runs with -XX:+DisableAttachMechanism: heaptrail alloc cannot"
                            + " profile it; record from its start instead: restart it with " + AllocationProfiler.RECORD_FROM_START
                            + " and run 'heaptrail sites alloc.jfr' on the file it writes when it exits");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("refused without trying to attach")
                    .isLessThan(Duration.ofSeconds(5));
            assertThat(target.output()).as("no attach attempt (it would print a thread dump)").doesNotContain("Full thread dump");
        }
    }

    /** The flag line of that message works on every JDK heaptrail profiles: the file it writes has survivors' samples at the leak. */
    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {11, 17, 25})
    void theFlagThatRecordsFromTheStartWorks(int feature) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "record-from-start-" + feature)).toAbsolutePath();
        Files.deleteIfExists(dir.resolve("alloc.jfr"));
        List<String> options = new ArrayList<>(List.of("-XX:+DisableAttachMechanism"));
        options.addAll(List.of(AllocationProfiler.RECORD_FROM_START.split(" ")));
        // A leak of 5 % of what is allocated: at the default 0.3 %, 5 s gave 3 samples at the leak (with
        // the raised queue; with the JVM's 256, JDK 11 once wrote no survivor at all).
        ProcessBuilder builder = new ProcessBuilder(BusyTarget.command(feature, options, "--rate", "100", "--leak-rate", "5000"))
                .directory(dir.toFile());
        try (ChildProcess target = BusyTarget.start(builder)) {
            Thread.sleep(5000);
            target.send("quit");
            assertThat(target.waitFor(Duration.ofSeconds(60))).isZero();
        }
        List<String> types = new ArrayList<>();
        try (RecordingFile recording = new RecordingFile(dir.resolve("alloc.jfr"))) {
            while (recording.hasMoreEvents()) {
                types.add(recording.readEvent().getEventType().getName());
            }
        }
        assertThat(types).contains(feature >= 16 ? "jdk.ObjectAllocationSample" : "jdk.ObjectAllocationInNewTLAB");
        RecordingSummary summary = RecordingSummary.of(dir.resolve("alloc.jfr"));
        assertThat(summary.oldObjects().getOrDefault("keepOrder", 0)).as("survivors' samples at the leak: %s", summary.oldObjects())
                .isPositive();
    }

    @Test
    void aProcessThatIsNotAJvm() throws Exception {
        try (ChildProcess sleeper = ChildProcess.start(List.of("sleep", "60"));
             AllocationProfiler profiler = profiler(sleeper.pid(), "not-a-jvm.jfr")) {
            assertThatThrownBy(() -> profiler.profile(ProfileProgress.NONE)).isInstanceOf(AttachFailedException.class)
                    .hasMessageStartingWith("process " + sleeper.pid() + " (sleep 60) is not a JVM");
        }
    }

    @Test
    void aProcessThatIsGone() throws Exception {
        Process done = new ProcessBuilder("true").start();
        done.waitFor();
        try (AllocationProfiler profiler = profiler(done.pid(), "gone.jfr")) {
            assertThatThrownBy(() -> profiler.profile(ProfileProgress.NONE)).isInstanceOf(AttachFailedException.class)
                    .hasMessage("no process " + done.pid() + " (it exited, or never ran here)");
        }
    }

    @Test
    void anExistingOutputIsNotOverwritten() throws Exception {
        Path out = AllocationProfilerTest.output("exists.jfr");
        Files.writeString(out, "mine");
        try (AllocationProfiler profiler = new AllocationProfiler(ProcessHandle.current().pid(), ProfileOptions.defaults(out))) {
            assertThatThrownBy(() -> profiler.profile(ProfileProgress.NONE)).isInstanceOf(AttachFailedException.class)
                    .hasMessage(out.toAbsolutePath() + " exists already: choose another file");
        }
        assertThat(out).hasContent("mine");
    }

    /** -XX:-FlightRecorder: JFR alone is refused with the way out; by default async-profiler runs alone, and says so. */
    @Test
    void aJvmWithoutFlightRecorder() throws Exception {
        Set<String> folders = TargetState.folders();
        try (ChildProcess target = BusyTarget.start(17, List.of("-XX:-FlightRecorder"), "--rate", "100")) {
            try (AllocationProfiler profiler = new AllocationProfiler(target.pid(), ProfileOptions.defaults(
                    AllocationProfilerTest.output("no-jfr.jfr")).withDuration(Duration.ofSeconds(2)).withSource(SourceChoice.JFR))) {
                assertThatThrownBy(() -> profiler.profile(ProfileProgress.NONE)).isInstanceOf(AttachFailedException.class)
                        .hasMessageContaining("can be profiled neither with async-profiler (not asked for) nor with JDK Flight"
                                + " Recorder (Flight Recorder is disabled.): run it on a JDK with Flight Recorder on");
            }
            Path out = AllocationProfilerTest.output("no-jfr-auto.jfr");
            ProfiledRecording recording;
            try (AllocationProfiler profiler = new AllocationProfiler(target.pid(), ProfileOptions.defaults(out)
                    .withDuration(Duration.ofSeconds(2)))) {
                recording = profiler.profile(ProfileProgress.NONE);
            }
            assertThat(recording.source()).isEqualTo(Source.ASYNC_PROFILER);
            assertThat(recording.notes()).contains("no JFR recording beside async-profiler, so no reference chains:"
                    + " Flight Recorder is disabled.");
            assertThat(RecordingSummary.of(out).count("jdk.ObjectAllocationInNewTLAB")).isPositive();
            TargetState.assertLeftAsFound(target.pid(), folders, true);
        }
    }
}
