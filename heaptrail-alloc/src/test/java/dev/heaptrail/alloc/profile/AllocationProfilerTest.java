package dev.heaptrail.alloc.profile;

import dev.heaptrail.alloc.Source;
import dev.heaptrail.testkit.ChildProcess;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Profiles the busy allocator (five churning sites at about 300 MB/s, one leaking 64-byte orders
 * at 300 KB/s) for 20 s, on JDK 17 and 25, with each profiler: the recording is complete, private,
 * and shows the leak; the target is left as it was found.
 */
class AllocationProfilerTest {

    static final Duration WINDOW = Duration.ofSeconds(20);

    static Path output(String name) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "alloc-profiles"));
        Path file = dir.resolve(name);
        Files.deleteIfExists(file);
        return file;
    }

    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void asyncProfilerShowsTheLeakAmongSurvivors(int feature) throws Exception {
        Set<String> folders = TargetState.folders();
        // Three times the default leak for a third of the default window: at the default rate, 20 s
        // held 4 to 12 live samples at keepOrder, and once as many at the ring of recent objects.
        try (ChildProcess target = BusyTarget.start(feature, List.of(), "--leak-rate", "900")) {
            Path out = output("async-" + feature + ".jfr");
            AtomicBoolean runningDuringWindow = new AtomicBoolean();
            ProfileOptions options = ProfileOptions.defaults(out).withDuration(WINDOW).withSource(SourceChoice.ASYNC_PROFILER);
            ProfiledRecording recording;
            try (AllocationProfiler profiler = new AllocationProfiler(target.pid(), options)) {
                recording = profiler.profile((phase, elapsed, window) -> {
                    if (phase == ProfileProgress.Phase.PROFILING && elapsed.toSeconds() == 2 && !runningDuringWindow.get()) {
                        runningDuringWindow.set(check(() -> TargetState.asyncProfilerRunning(target.pid())));
                    }
                });
            }
            assertThat(runningDuringWindow).as("the status check sees the profiler while it runs").isTrue();
            assertThat(recording.source()).isEqualTo(Source.ASYNC_PROFILER);
            assertThat(recording.file()).isEqualTo(out.toAbsolutePath());
            assertThat(recording.endedEarly()).isFalse();
            assertThat(recording.finalCollection()).isNotNull();
            assertThat(Files.getPosixFilePermissions(out)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            RecordingSummary summary = RecordingSummary.of(out);
            System.out.println("JDK " + feature + " async-profiler: " + summary + " notes " + recording.notes());
            assertThat(summary.count("jdk.ObjectAllocationInNewTLAB")).as("async-profiler's allocation samples").isGreaterThan(1000);
            assertThat(summary.count("jdk.ObjectAllocationSample")).as("no JFR allocation samples beside async-profiler's").isZero();
            assertThat(summary.collections()).as("the final full collection").contains("G1Full Diagnostic Command");
            assertThat(summary.finalCollectionEnd()).isBefore(recording.finalCollection().plusMillis(1));
            int leak = summary.liveBeforeFinalCollection().getOrDefault("keepOrder", 0);
            assertThat(leak).as("survivors at keepOrder").isGreaterThanOrEqualTo(3);
            assertThat(leak).as("survivors at keepOrder, against any other site: " + summary.liveBeforeFinalCollection())
                    .isGreaterThan(summary.mostLiveAtAChurningSite());
            // The report: the keeping site first, every churning site far below it.
            java.util.List<dev.heaptrail.alloc.AllocationSite> sites =
                    dev.heaptrail.alloc.AllocationRecording.read(out, dev.heaptrail.alloc.SiteOptions.defaults()).sites();
            assertThat(sites.get(0).frames().get(0).method()).as("JDK %d: %s", feature, sites).isEqualTo("keepOrder");
            assertThat(dev.heaptrail.alloc.AllocationRecording.read(out, dev.heaptrail.alloc.SiteOptions.defaults()).notes())
                    .as("the youngest survivors counted from the final collection the JDK's part records")
                    .anyMatch(n -> n.contains("before the final collection, or after it,"));
            assertThat(sites.subList(1, sites.size())).allSatisfy(s ->
                    assertThat(s.survivingBytes()).isLessThan(sites.get(0).survivingBytes() / 4));
            TargetState.assertLeftAsFound(target.pid(), folders, true);
        }
    }

    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void jfrRecordsOldObjectsAndAllocationRates(int feature) throws Exception {
        Set<String> folders = TargetState.folders();
        // With the default queue (256) the sampler keeps only the newest samples of a busy program, at
        // times none alive at the end; the report's advice for JFR recordings, followed.
        try (ChildProcess target = BusyTarget.start(feature, List.of("-XX:FlightRecorderOptions=old-object-queue-size=20000"))) {
            Path out = output("jfr-" + feature + ".jfr");
            ProfileOptions options = ProfileOptions.defaults(out).withDuration(WINDOW).withSource(SourceChoice.JFR);
            ProfiledRecording recording;
            try (AllocationProfiler profiler = new AllocationProfiler(target.pid(), options)) {
                recording = profiler.profile(ProfileProgress.NONE);
            }
            assertThat(recording.source()).isEqualTo(Source.JFR);
            assertThat(Files.getPosixFilePermissions(out)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            RecordingSummary summary = RecordingSummary.of(out);
            System.out.println("JDK " + feature + " JFR: " + summary + " notes " + recording.notes());
            assertThat(summary.count("profiler.LiveObject")).isZero();
            assertThat(summary.count("jdk.ObjectAllocationInNewTLAB")).as("no TLAB events on JDK 16+").isZero();
            assertThat(summary.count("jdk.ObjectAllocationSample")).as("JFR's allocation samples").isGreaterThan(1000);
            assertThat(summary.count("jdk.JVMInformation")).isEqualTo(1);
            assertThat(summary.collections()).as("the final full collection").contains("G1Full Diagnostic Command");
            assertThat(summary.count("jdk.OldObjectSample")).as("old-object samples").isPositive();
            assertThat(summary.oldObjectsWithRoot()).as("old-object samples with a chain to a GC root").isPositive();
            assertThat(recording.notes()).anyMatch(n -> n.startsWith("JFR recording heaptrail-alloc-"));
            TargetState.assertLeftAsFound(target.pid(), folders, false);
        }
    }

    /**
     * JDK 11 (no jdk.ObjectAllocationSample, no objectSize): async-profiler loads; JFR alone records
     * TLAB events. The JFR one runs with -XX:+DisableExplicitGC, which makes GC.run nothing: the
     * final collection is then GC.class_histogram's.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"AUTO", "JFR"})
    void jdk11(SourceChoice choice) throws Exception {
        Set<String> folders = TargetState.folders();
        boolean noExplicitGc = choice == SourceChoice.JFR;
        try (ChildProcess target = BusyTarget.start(11, noExplicitGc ? List.of("-XX:+DisableExplicitGC") : List.of())) {
            Path out = output("jdk11-" + choice + ".jfr");
            ProfileOptions options = ProfileOptions.defaults(out).withDuration(Duration.ofSeconds(10)).withSource(choice);
            ProfiledRecording recording;
            try (AllocationProfiler profiler = new AllocationProfiler(target.pid(), options)) {
                recording = profiler.profile(ProfileProgress.NONE);
            }
            RecordingSummary summary = RecordingSummary.of(out);
            System.out.println("JDK 11 " + choice + ": " + summary + " notes " + recording.notes());
            assertThat(summary.count("jdk.ObjectAllocationSample")).isZero();
            assertThat(summary.count("jdk.ObjectAllocationInNewTLAB")).isGreaterThan(500);
            if (noExplicitGc) {
                assertThat(summary.collections()).contains("G1Full Heap Inspection Initiated GC").doesNotContain("G1Full Diagnostic Command");
                assertThat(recording.notes()).anyMatch(n -> n.contains("-XX:+DisableExplicitGC"));
            } else {
                assertThat(summary.collections()).contains("G1Full Diagnostic Command");
            }
            if (choice == SourceChoice.AUTO) {
                assertThat(recording.source()).isEqualTo(Source.ASYNC_PROFILER);
                assertThat(summary.count("profiler.LiveObject")).isPositive();
            } else {
                assertThat(recording.source()).isEqualTo(Source.JFR);
                assertThat(summary.count("profiler.LiveObject")).isZero();
            }
            TargetState.assertLeftAsFound(target.pid(), folders, choice == SourceChoice.AUTO);
        }
    }

    interface Check {
        boolean get() throws Exception;
    }

    static boolean check(Check c) {
        try {
            return c.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
