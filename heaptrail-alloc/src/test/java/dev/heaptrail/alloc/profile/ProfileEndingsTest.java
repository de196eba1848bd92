package dev.heaptrail.alloc.profile;

import dev.heaptrail.live.AttachFailedException;
import dev.heaptrail.testkit.ChildProcess;
import dev.heaptrail.testkit.Jdks;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * However a profile ends (its time, an early close from another thread, an exception, heaptrail
 * killed, the target exiting), nothing is left running in the target and heaptrail's folders are gone.
 */
class ProfileEndingsTest {

    @Test
    void aCloseFromAnotherThreadEndsTheWindowAndStillCollects() throws Exception {
        Set<String> folders = TargetState.folders();
        try (ChildProcess target = BusyTarget.start(17, List.of())) {
            Path out = AllocationProfilerTest.output("closed-early.jfr");
            AllocationProfiler profiler = new AllocationProfiler(target.pid(), ProfileOptions.defaults(out));
            CountDownLatch threeSeconds = new CountDownLatch(1);
            CompletableFuture<ProfiledRecording> result = CompletableFuture.supplyAsync(() -> {
                try {
                    return profiler.profile((phase, elapsed, window) -> {
                        if (phase == ProfileProgress.Phase.PROFILING && elapsed.toSeconds() >= 3) {
                            threeSeconds.countDown();
                        }
                    });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(threeSeconds.await(60, TimeUnit.SECONDS)).isTrue();
            long closing = System.nanoTime();
            profiler.close();
            assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(30));
            // close() returns once profile() has returned; the future is completed just after, on the other thread
            ProfiledRecording recording = result.get(2, TimeUnit.SECONDS);
            assertThat(recording.endedEarly()).isTrue();
            assertThat(recording.profiled()).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(10));
            assertThat(recording.notes().get(0)).matches("ended early: [3-9] s of 60 s");
            RecordingSummary summary = RecordingSummary.of(out);
            assertThat(summary.count("jdk.ObjectAllocationInNewTLAB")).isGreaterThan(300);
            assertThat(summary.collections()).contains("G1Full Diagnostic Command");
            profiler.close(); // again: nothing to do
            TargetState.assertLeftAsFound(target.pid(), folders, true);
        }
    }

    @Test
    void anExceptionDuringTheWindowLeavesNothingRunning() throws Exception {
        Set<String> folders = TargetState.folders();
        try (ChildProcess target = BusyTarget.start(17, List.of())) {
            Path out = AllocationProfilerTest.output("failed.jfr");
            AtomicBoolean wasRunning = new AtomicBoolean();
            try (AllocationProfiler profiler = new AllocationProfiler(target.pid(), ProfileOptions.defaults(out))) {
                assertThatThrownBy(() -> profiler.profile((phase, elapsed, window) -> {
                    if (phase == ProfileProgress.Phase.PROFILING && elapsed.toSeconds() >= 2) {
                        wasRunning.set(AllocationProfilerTest.check(() -> TargetState.asyncProfilerRunning(target.pid())
                                && TargetState.hasJfrRecording(target.pid())));
                        throw new IllegalStateException("the progress display broke");
                    }
                })).isInstanceOf(IllegalStateException.class).hasMessage("the progress display broke");
            }
            assertThat(wasRunning).as("both ran before the failure").isTrue();
            assertThat(out).doesNotExist();
            TargetState.assertLeftAsFound(target.pid(), folders, true);
        }
    }

    @Test
    void aTargetThatExitsDuringTheProfileIsAOneLineError() throws Exception {
        Set<String> folders = TargetState.folders();
        try (ChildProcess target = BusyTarget.start(17, List.of())) {
            Path out = AllocationProfilerTest.output("exited.jfr");
            AtomicBoolean quit = new AtomicBoolean();
            try (AllocationProfiler profiler = new AllocationProfiler(target.pid(), ProfileOptions.defaults(out))) {
                assertThatThrownBy(() -> profiler.profile((phase, elapsed, window) -> {
                    if (phase == ProfileProgress.Phase.PROFILING && elapsed.toSeconds() >= 2 && !quit.getAndSet(true)) {
                        AllocationProfilerTest.check(() -> {
                            target.send("quit");
                            return true;
                        });
                    }
                })).isInstanceOf(AttachFailedException.class)
                        .hasMessage("process " + target.pid() + " exited during the profile: there is nothing to report");
            }
            assertThat(out).doesNotExist();
            assertThat(TargetState.left(folders)).isEmpty();
        }
    }

    /**
     * heaptrail killed with -9 mid-profile (a child JVM profiling the target): the profiler and the
     * recording stop by themselves at their own time limits.
     */
    @Test
    void aKilledHeaptrailLeavesProfilersThatStopByThemselves() throws Exception {
        Set<String> folders = TargetState.folders();
        Duration window = Duration.ofSeconds(4);
        try (ChildProcess target = BusyTarget.start(17, List.of())) {
            Path out = AllocationProfilerTest.output("killed.jfr");
            long started;
            try (ChildProcess heaptrail = ChildProcess.start(ChildProcess.javaCommand(Jdks.current(), List.of(),
                    ProfileThenBeKilled.class.getName(), List.of(Long.toString(target.pid()), out.toString(), "4")))) {
                heaptrail.awaitLine("profiling", Duration.ofSeconds(60));
                started = System.nanoTime();
            } // killed (SIGKILL)
            assertThat(TargetState.asyncProfilerRunning(target.pid())).as("still profiling once heaptrail is gone").isTrue();
            assertThat(TargetState.hasJfrRecording(target.pid())).as("still recording once heaptrail is gone").isTrue();
            long deadline = started + AllocationProfiler.selfStop(window).plusSeconds(20).toNanos();
            while ((TargetState.asyncProfilerRunning(target.pid()) || TargetState.hasJfrRecording(target.pid()))
                    && System.nanoTime() < deadline) {
                Thread.sleep(1000);
            }
            Duration stoppedAfter = Duration.ofNanos(System.nanoTime() - started);
            assertThat(stoppedAfter).as("both stopped by themselves").isLessThan(AllocationProfiler.selfStop(window).plusSeconds(20));
            assertThat(stoppedAfter).as("at their time limit").isGreaterThan(AllocationProfiler.selfStop(window).minusSeconds(2));
            TargetState.assertLeftAsFound(target.pid(), leftBehindRemoved(folders), true);
            assertThat(out).doesNotExist();
        }
    }

    /** Removes the folders the killed heaptrail left (its work folder, the library's); the folders before. */
    private static Set<String> leftBehindRemoved(Set<String> before) throws Exception {
        Set<String> now = TargetState.left(before);
        assertThat(now).as("the killed heaptrail's folders").isNotEmpty();
        for (String name : now) {
            try (java.util.stream.Stream<Path> all = Files.walk(Path.of("/tmp", name))) {
                for (Path p : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
        return before;
    }

    /** A heaptrail that starts a profile, says "profiling" and waits to be killed. */
    public static final class ProfileThenBeKilled {
        public static void main(String[] args) throws Exception {
            long pid = Long.parseLong(args[0]);
            ProfileOptions options = ProfileOptions.defaults(Path.of(args[1])).withDuration(Duration.ofSeconds(Long.parseLong(args[2])));
            AtomicBoolean said = new AtomicBoolean();
            new AllocationProfiler(pid, options).profile((phase, elapsed, window) -> {
                if (phase == ProfileProgress.Phase.PROFILING && !said.getAndSet(true)) {
                    System.out.println("profiling");
                    System.out.flush();
                    try {
                        Thread.sleep(600_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            Files.deleteIfExists(Path.of(args[1]));
        }
    }
}
