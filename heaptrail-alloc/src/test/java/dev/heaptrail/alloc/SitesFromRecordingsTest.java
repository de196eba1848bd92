package dev.heaptrail.alloc;

import dev.heaptrail.analysis.paths.PathStep;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import dev.heaptrail.testkit.Jdks;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Sites read from real recordings of {@link RecordedProgram}: the JDK's JFR and async-profiler's. */
class SitesFromRecordingsTest {

    private static final String PROGRAM = RecordedProgram.class.getName();

    private static SiteOptions options(GroupBy groupBy) {
        return new SiteOptions(groupBy, 64, null, null, 20, null);
    }

    @Test
    void asyncProfilersSurvivorsPutTheKeptLineFirstAndEstimateItsBytes() throws Exception {
        Recordings.Recorded r = Recordings.asyncProfiler("async-leak", true);
        AllocationReport report = AllocationRecording.read(r.file(), options(GroupBy.LINE));

        assertThat(report.source()).isEqualTo(Source.ASYNC_PROFILER);
        assertThat(report.survivorSamples()).isTrue();
        assertThat(report.jvm()).contains("VM");
        assertThat(report.durationSeconds()).isBetween(4.0, 30.0);
        AllocationSite first = report.sites().get(0);
        assertThat(first.frames()).containsExactly(new Frame(PROGRAM, "keep", r.keepLine()));
        assertThat(first.topClass()).isIn(PROGRAM + "$Order", "java.lang.Object[]");
        // The truth: kept Orders of 24 bytes each plus the list's array. The estimate samples about
        // one object in 64 KiB, so allow a factor of two either way (and of the young ones left out).
        long truth = r.kept() * 24L + r.kept() * 4L;
        assertThat(first.survivingBytes()).isBetween(truth / 3, truth * 2);
        assertThat(first.allocatedBytesPerSecond()).isPositive();
        // Garbage sites allocate far more, and none of it survives a full collection.
        AllocationSite bytes = site(report, "churnBytes");
        assertThat(bytes.allocatedBytesPerSecond()).isGreaterThan(first.allocatedBytesPerSecond());
        assertThat(bytes.survivingBytes()).isLessThan(first.survivingBytes() / 10);
        assertThat(bytes.topClass()).isEqualTo("byte[]");
    }

    @Test
    void jfrOldObjectSamplesCarryTheReferenceChainWithFieldNames() throws Exception {
        Recordings.Recorded r = Recordings.jfr("jfr-leak", true);
        AllocationReport report = AllocationRecording.read(r.file(), options(GroupBy.LINE));

        assertThat(report.source()).isEqualTo(Source.JFR);
        assertThat(report.survivorSamples()).isTrue();
        AllocationSite first = report.sites().get(0);
        assertThat(first.frames()).containsExactly(new Frame(PROGRAM, "keep", r.keepLine()));
        assertThat(first.survivingObjects()).isPositive();
        List<PathStep> path = first.path().stream().map(RetentionStep::step).toList();
        assertThat(path).isNotEmpty();
        assertThat(path.get(0).rootKind()).isNotNull();
        assertThat(path).anySatisfy(s -> {
            assertThat(s.field()).isEqualTo("KEPT");
            assertThat(s.isStatic()).isTrue();
            assertThat(s.className()).isEqualTo("java.util.ArrayList");
        });
        assertThat(path).anySatisfy(s -> assertThat(s.field()).isEqualTo("elementData"));
        assertThat(report.notes()).anyMatch(n -> n.contains("old-object"));
    }

    /**
     * What heaptrail alloc writes: async-profiler's chunk and the JDK's one after the other, in either
     * order: each part gives what it gives alone, and together the sizes of one and the chains of
     * the other.
     */
    @Test
    void aConcatenationOfTwoWritersReadsAsTheSumOfItsParts() throws Exception {
        Recordings.Recorded async = Recordings.asyncProfiler("async-leak", true);
        Recordings.Recorded jfr = Recordings.jfr("jfr-leak", true);
        // every survivor counted: the youngest ones left out would depend on the joined file's end
        SiteOptions all = new SiteOptions(GroupBy.LINE, 64, null, null, 20, Duration.ZERO);
        AllocationReport asyncAlone = AllocationRecording.read(async.file(), all);
        AllocationReport jfrAlone = AllocationRecording.read(jfr.file(), all);
        List<PathStep> chain = jfrAlone.sites().get(0).path().stream().map(RetentionStep::step).toList();
        for (List<Path> order : List.of(List.of(async.file(), jfr.file()), List.of(jfr.file(), async.file()))) {
            Path both = Recordings.concatenated("both-" + order.get(0).getFileName(), order);
            AllocationReport report = AllocationRecording.read(both, all);
            assertThat(report.samples()).as(order.toString()).isEqualTo(asyncAlone.samples() + jfrAlone.samples());
            assertThat(report.source()).isEqualTo(Source.ASYNC_PROFILER);
            AllocationSite first = report.sites().get(0);
            assertThat(first.frames()).containsExactly(new Frame(PROGRAM, "keep", async.keepLine()));
            // async-profiler's survivors size it; the JDK's old-object samples give its chain
            assertThat(first.survivingBytes()).isEqualTo(asyncAlone.sites().get(0).survivingBytes());
            assertThat(first.path().stream().map(RetentionStep::step).toList()).isEqualTo(chain);
            assertThat(report.durationSeconds()).isGreaterThanOrEqualTo(
                    Math.max(asyncAlone.durationSeconds(), jfrAlone.durationSeconds()));
        }
        assertThat(chain).anySatisfy(s -> assertThat(s.field()).isEqualTo("KEPT"));
    }

    /**
     * The JDK's allocation samples, weighed, add up to what the thread allocated while recording (as
     * the JVM counts it); each thread's first sample, which reaches back over the 2 GB the program
     * allocated before the recording, is left out.
     */
    @Test
    void jfrAllocationSamplesAddUpToWhatTheThreadAllocatedWhileRecording() throws Exception {
        Recordings.Recorded r = Recordings.jfr("jfr-leak", true);
        AllocationReport report = AllocationRecording.read(r.file(), new SiteOptions(GroupBy.LINE, 64, null, null, 10_000, null));
        double estimated = report.sites().stream().mapToDouble(s -> s.allocatedBytesPerSecond() * report.durationSeconds()).sum();
        assertThat(r.allocated()).isGreaterThan(100L << 20);
        assertThat(estimated / r.allocated()).as("estimated %.0f of %d", estimated, r.allocated()).isBetween(0.8, 1.15);
    }

    @Test
    void aSiteWithoutAChainSaysWhyAndWhatGivesOne() throws Exception {
        Recordings.Recorded async = Recordings.asyncProfiler("async-leak", true);
        AllocationReport alone = AllocationRecording.read(async.file(), options(GroupBy.LINE));
        assertThat(alone.sites().get(0).path()).isEmpty();
        assertThat(alone.notes()).anyMatch(n -> n.startsWith("no reference chains: the recording has no JFR old-object samples"));

        AllocationReport jfrLeak = AllocationRecording.read(Recordings.jfr("jfr-leak", true).file(), options(GroupBy.LINE));
        assertThat(jfrLeak.notes()).noneMatch(n -> n.startsWith("no reference chain"));
    }

    /**
     * Two JDK recordings from different JDKs, one after the other: both chunks say metadata id 1,
     * and the JDK's parser keeps the first chunk's metadata for the second when the ids are equal.
     */
    @Test
    void recordingsOfTwoJdksOneAfterTheOtherAreReadWithTheirOwnMetadata() throws Exception {
        Optional<Path> jdk25 = Jdks.find(25);
        assertThat(jdk25).as("a JDK 25 (set HEAPTRAIL_JDK25 or install one under /usr/lib/jvm)").isPresent();
        Recordings.Recorded on17 = Recordings.jfr("jfr-leak", true);
        Recordings.Recorded on25 = Recordings.record("jfr-leak-25", jdk25.get(), "jfr", true, 6);
        SiteOptions all = new SiteOptions(GroupBy.LINE, 64, null, null, 20, Duration.ZERO);
        AllocationReport alone17 = AllocationRecording.read(on17.file(), all);
        AllocationReport alone25 = AllocationRecording.read(on25.file(), all);
        Path both = Recordings.concatenated("both-17-25.jfr", List.of(on17.file(), on25.file()));
        AllocationReport report = AllocationRecording.read(both, all);
        assertThat(report.samples()).isEqualTo(alone17.samples() + alone25.samples());
        // JDK 25's old-object samples carry their size (JDK 17's do not): read with JDK 25's metadata, they are sized
        AllocationSite kept = report.sites().get(0);
        assertThat(kept.frames()).containsExactly(new Frame(PROGRAM, "keep", on17.keepLine()));
        assertThat(alone25.sites().get(0).survivingBytes()).isPositive();
        assertThat(kept.survivingObjects()).isEqualTo(alone17.sites().get(0).survivingObjects()
                + alone25.sites().get(0).survivingObjects());
    }

    @Test
    void byMethodJoinsLinesAndByTraceStartsAtTheSiteFrame() throws Exception {
        Recordings.Recorded r = Recordings.asyncProfiler("async-leak", true);
        AllocationReport byMethod = AllocationRecording.read(r.file(), options(GroupBy.METHOD));
        assertThat(byMethod.sites().get(0).frames()).containsExactly(new Frame(PROGRAM, "keep", null));

        AllocationReport byTrace = AllocationRecording.read(r.file(), new SiteOptions(GroupBy.TRACE, 2, null, null, 50, null));
        AllocationSite first = byTrace.sites().get(0);
        assertThat(first.frames()).hasSize(2);
        assertThat(first.frames().get(0)).isEqualTo(new Frame(PROGRAM, "keep", r.keepLine()));
        assertThat(first.frames().get(1).method()).isEqualTo("main");
    }

    @Test
    void skipLooksPastAFrameAndFilterKeepsOnlyMatchingStacks() throws Exception {
        Recordings.Recorded r = Recordings.asyncProfiler("async-leak", true);
        AllocationReport skipped = AllocationRecording.read(r.file(),
                new SiteOptions(GroupBy.METHOD, 64, Pattern.compile("\\.keep\\b"), null, 20, null));
        assertThat(skipped.sites()).noneMatch(s -> s.frames().get(0).method().equals("keep"));
        assertThat(skipped.sites().get(0).frames().get(0)).isEqualTo(new Frame(PROGRAM, "main", null));

        AllocationReport filtered = AllocationRecording.read(r.file(),
                new SiteOptions(GroupBy.LINE, 64, null, Pattern.compile("churnStrings"), 20, null));
        assertThat(filtered.sites()).isNotEmpty().allSatisfy(s -> assertThat(s.frames().get(0).method()).isEqualTo("churnStrings"));
        assertThat(filtered.samples()).isLessThan(AllocationRecording.read(r.file(), options(GroupBy.LINE)).samples());
    }

    @Test
    void theFlameGraphStacksCarryTheSurvivingBytesOfTheirSites() throws Exception {
        Recordings.Recorded r = Recordings.asyncProfiler("async-leak", true);
        AllocationReport report = AllocationRecording.read(r.file(), options(GroupBy.LINE));
        long kept = report.stacks().stream()
                .filter(s -> s.frames().contains(new Frame(PROGRAM, "keep", r.keepLine())))
                .mapToLong(SurvivingStack::bytes).sum();
        // Each stack's survivors are weighed as its site's; rounding per stack aside, they add up.
        assertThat((double) kept).isCloseTo(report.sites().get(0).survivingBytes(), org.assertj.core.data.Percentage.withPercentage(0.1));
        assertThat(report.stacks().get(0).frames().get(report.stacks().get(0).frames().size() - 1).method()).isEqualTo("main");
    }

    @Test
    void compareFlagsTheKeptLineAsGrowingAndACleanProgramAsNothing() throws Exception {
        Recordings.Recorded clean = Recordings.asyncProfiler("async-clean", false);
        Recordings.Recorded leak = Recordings.asyncProfiler("async-leak", true);
        Recordings.Recorded clean2 = Recordings.asyncProfiler("async-clean-2", false);

        AllocationReport grew = AllocationRecording.compare(leak.file(), clean.file(), options(GroupBy.LINE));
        AllocationSite first = grew.sites().get(0);
        assertThat(first.frames()).containsExactly(new Frame(PROGRAM, "keep", leak.keepLine()));
        assertThat(first.growth().growing()).isTrue();
        assertThat(first.growth().survivingBytes()).isPositive();
        assertThat(grew.sites().stream().filter(s -> s.growth().growing())).hasSize(1);
        assertThat(grew.comparedTo()).isEqualTo(clean.file().toString());
        // the flame graph shows growth: the kept line's stack grew by what its site grew; no stack shrank into it
        AllocationReport leakAlone = AllocationRecording.read(leak.file(), options(GroupBy.LINE));
        assertThat(grew.stacks()).isNotEmpty().allSatisfy(s -> assertThat(s.bytes()).isPositive());
        long grewAtKeep = grew.stacks().stream().filter(SitesFromRecordingsTest::throughKeep).mapToLong(SurvivingStack::bytes).sum();
        long keptAlone = leakAlone.stacks().stream().filter(SitesFromRecordingsTest::throughKeep).mapToLong(SurvivingStack::bytes).sum();
        // each stack's estimate is rounded to whole bytes
        assertThat(grewAtKeep).isCloseTo(first.growth().survivingBytes(), org.assertj.core.data.Offset.offset(64L))
                .isLessThanOrEqualTo(keptAlone);
        assertThat(AllocationRecording.compare(leak.file(), leak.file(), options(GroupBy.LINE)).stacks())
                .as("a recording compared with itself grew nowhere").isEmpty();

        AllocationReport steady = AllocationRecording.compare(clean2.file(), clean.file(), options(GroupBy.LINE));
        assertThat(steady.sites()).isNotEmpty().noneMatch(s -> s.growth().growing());
    }

    @Test
    void growthThatARecordingCannotSizeIsUnknownNotZero() throws Exception {
        Recordings.Recorded leak = Recordings.jfr("jfr-leak", true);
        AllocationReport compared = AllocationRecording.compare(leak.file(), leak.file(), options(GroupBy.LINE));
        AllocationSite keep = compared.sites().stream().filter(s -> s.frames().get(0).method().equals("keep")).findFirst().orElseThrow();
        // Before JDK 22 old-object samples carry no size: surviving bytes, and so their growth, are unknown
        if (Runtime.version().feature() < 22) {
            assertThat(keep.survivingBytes()).isNull();
            assertThat(keep.growth().survivingBytes()).isNull();
        }
        assertThat(keep.growth().survivingObjects()).isZero();
        assertThat(keep.growth().growing()).isFalse();
    }

    @Test
    void aRecordingWithoutSurvivorsRanksByAllocationRateAndSaysSo() throws Exception {
        // async-profiler without "live": allocation samples only.
        Recordings.Recorded r = Recordings.record("async-no-live", dev.heaptrail.testkit.Jdks.current(), "async-profiler-no-live", true, 4);
        AllocationReport rateOnly = AllocationRecording.read(r.file(), options(GroupBy.LINE));
        assertThat(rateOnly.survivorSamples()).isFalse();
        assertThat(rateOnly.sites()).allSatisfy(s -> {
            assertThat(s.survivingBytes()).isNull();
            assertThat(s.survivingObjects()).isNull();
        });
        assertThat(rateOnly.sites().get(0).frames().get(0).method()).isEqualTo("churnBytes");
        for (int i = 1; i < rateOnly.sites().size(); i++) {
            assertThat(rateOnly.sites().get(i).allocatedBytesPerSecond()).isLessThanOrEqualTo(rateOnly.sites().get(i - 1).allocatedBytesPerSecond());
        }
        assertThat(rateOnly.notes()).anyMatch(n -> n.contains("no survivor samples"));
        assertThat(rateOnly.stacks()).isNotEmpty();
    }

    @Test
    void aRecordingThatSampledSurvivorsButKeptNoneSaysNoneSurvivedNotUnknown() throws Exception {
        // churnBytes' arrays are all garbage after the final collection: its stacks alone hold no survivor
        // event, in an async-profiler "live" recording and in a JDK one with the old-object sampler on.
        Pattern onlyChurn = Pattern.compile("churnBytes");
        for (Recordings.Recorded r : List.of(Recordings.asyncProfiler("async-leak", true), Recordings.jfr("jfr-leak", true))) {
            AllocationReport none = AllocationRecording.read(r.file(), new SiteOptions(GroupBy.LINE, 64, null, onlyChurn, 20, null));
            assertThat(none.survivorSamples()).as(r.file().toString()).isTrue();
            assertThat(none.sites()).as(r.file().toString()).isNotEmpty().allSatisfy(s -> {
                assertThat(s.survivingObjects()).isZero();
                assertThat(s.allocatedBytesPerSecond()).isPositive();
            });
            assertThat(none.notes()).noneMatch(n -> n.contains("no survivor samples"));
        }
        // and a comparison of such recordings knows the growth (none), where it was null before
        Recordings.Recorded leak = Recordings.asyncProfiler("async-leak", true);
        AllocationReport fell = AllocationRecording.compare(leak.file(), leak.file(), new SiteOptions(GroupBy.LINE, 64, null, onlyChurn, 20, null));
        assertThat(fell.sites()).allSatisfy(s -> assertThat(s.growth().survivingBytes()).isZero());
    }

    @Test
    void minAgeLeavesOutYoungSurvivors() throws Exception {
        Recordings.Recorded r = Recordings.asyncProfiler("async-leak", true);
        AllocationSite all = AllocationRecording.read(r.file(), new SiteOptions(GroupBy.LINE, 64, null, null, 20, Duration.ZERO)).sites().get(0);
        AllocationSite old = AllocationRecording.read(r.file(), new SiteOptions(GroupBy.LINE, 64, null, null, 20, Duration.ofSeconds(4))).sites().get(0);
        // Kept at an even pace for 6 s: those older than 4 s are about a third.
        assertThat((double) old.survivingBytes()).isBetween(all.survivingBytes() * 0.1, all.survivingBytes() * 0.6);
    }

    /** Whether the stack's site (its first frame outside the JDK) is {@code keep}. */
    private static boolean throughKeep(SurvivingStack s) {
        return s.frames().stream().filter(f -> !f.isJdk()).findFirst().map(f -> f.method().equals("keep")).orElse(false);
    }

    private static AllocationSite site(AllocationReport report, String method) {
        return report.sites().stream().filter(s -> s.frames().get(0).method().equals(method)).findFirst().orElseThrow();
    }
}
