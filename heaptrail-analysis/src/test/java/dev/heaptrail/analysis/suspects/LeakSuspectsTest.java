package dev.heaptrail.analysis.suspects;

import dev.heaptrail.analysis.HeapAnalysis;
import dev.heaptrail.analysis.paths.PathStep;
import dev.heaptrail.heap.index.HeapIndex;
import dev.heaptrail.heap.index.HeapIndexBuilder;
import dev.heaptrail.hprof.ReadProgress;
import dev.heaptrail.testkit.Jdks;
import dev.heaptrail.testkit.KnownHeap;
import dev.heaptrail.testkit.KnownHeapDump;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The top suspect of a heap whose accumulation is known, checked field by field and by an independent computation. */
class LeakSuspectsTest {

    static HeapAnalysis analysis;
    static List<LeakSuspect> suspects;

    @BeforeAll
    static void analyse() throws Exception {
        Path dump = KnownHeapDump.create(Jdks.current(), List.of("-Xmx128m"), Path.of("target", "dumps", "suspects"), false).dump();
        analysis = HeapAnalysis.of(HeapIndexBuilder.build(dump, ReadProgress.NONE));
        suspects = LeakSuspects.find(analysis, 10, 5);
    }

    @Test
    void theStaticListIsTheTopSuspectWithItsTrace() {
        LeakSuspect top = suspects.get(0);
        assertThat(top.rank()).isEqualTo(1);
        assertThat(top.pattern()).isEqualTo(LeakPattern.STATIC_COLLECTION);
        assertThat(top.kind()).isEqualTo("java.util.ArrayList");
        assertThat(top.elements()).isEqualTo(KnownHeap.KEEP_SIZE);
        List<PathStep> path = top.path();
        PathStep last = path.get(path.size() - 1);
        assertThat(last.field()).isEqualTo("KEEP");
        assertThat(last.isStatic()).isTrue();
        assertThat(path.get(path.size() - 2).className()).isEqualTo("class " + KnownHeap.class.getName());
        assertThat(path.get(0).rootKind()).isNotNull();
        assertThat(top.description()).startsWith("static field KnownHeap.KEEP (java.util.ArrayList) retains");
        for (int i = 1; i < suspects.size(); i++) {
            assertThat(suspects.get(i).retainedBytes()).isLessThanOrEqualTo(suspects.get(i - 1).retainedBytes());
        }
    }

    @Test
    void theTallyOfAPointIsTheSameWalkedOnOneThreadOrTwo() {
        long point = suspects.get(0).accumulationPoint();
        int classClass = -1;
        for (var c : analysis.index().classes()) {
            if (c.name().equals("java.lang.Class")) {
                classClass = c.index();
            }
        }
        ClassTally one = ClassTally.under(analysis, point, classClass, Integer.MAX_VALUE, 1 << 12);
        assertThat(java.util.Arrays.stream(one.count).sum()).as("objects counted").isGreaterThan(KnownHeap.KEEP_SIZE);
        for (int splitAt : new int[] {1, 2, 64}) {
            // levels past the first in chunked stacks, as a tree thousands deep has them
            ClassTally two = ClassTally.under(analysis, point, classClass, splitAt, splitAt);
            assertThat(two.count).as("split at %d", splitAt).isEqualTo(one.count);
            assertThat(two.bytes).isEqualTo(one.bytes);
            assertThat(two.largest).isEqualTo(one.largest);
            assertThat(two.largestRetained).isEqualTo(one.largestRetained);
        }
    }

    @Test
    void retainedSizeIsWhatTheHeapLosesWithoutTheAccumulationPoint() {
        LeakSuspect top = suspects.get(0);
        HeapIndex index = analysis.index();
        long lost = Reachability.reachableBytes(index, java.util.Set.of())
                - Reachability.reachableBytes(index, java.util.Set.of(top.accumulationPoint()));
        assertThat(top.retainedBytes()).isEqualTo(lost);
    }

    @Test
    void classLoadersAreLookedThroughNotReported() {
        for (LeakSuspect s : suspects) {
            assertThat(s.kind()).doesNotContain("ClassLoader").doesNotStartWith("class ");
        }
    }
}
