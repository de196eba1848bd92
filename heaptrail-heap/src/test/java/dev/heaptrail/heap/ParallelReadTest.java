package dev.heaptrail.heap;

import dev.heaptrail.hprof.HprofReader;
import dev.heaptrail.hprof.ReadProgress;
import dev.heaptrail.testkit.Jdks;
import dev.heaptrail.testkit.KnownHeapDump;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading a dump with several threads gives exactly the histogram of a sequential read. */
class ParallelReadTest {

    @Test
    void anyNumberOfThreadsGivesTheSameHistogram() throws Exception {
        Path dump = KnownHeapDump.create(Jdks.current(), List.of("-Xmx128m"), Path.of("target", "dumps", "parallel"), false).dump();
        ClassHistogram sequential = read(dump, 1);
        assertThat(sequential.rows()).hasSizeGreaterThan(100);
        for (int threads : new int[] {2, 3, 7}) {
            ClassHistogram parallel = read(dump, threads);
            assertThat(parallel.layout()).isEqualTo(sequential.layout());
            assertThat(parallel.totalInstances()).isEqualTo(sequential.totalInstances());
            assertThat(parallel.totalBytes()).isEqualTo(sequential.totalBytes());
            assertThat(parallel.rows()).containsExactlyElementsOf(sequential.rows());
        }
    }

    @Test
    void progressReachesTheWholeFileOnce() throws Exception {
        Path dump = KnownHeapDump.create(Jdks.current(), List.of("-Xmx128m"), Path.of("target", "dumps", "parallel"), false).dump();
        List<long[]> updates = new ArrayList<>();
        try (HprofReader reader = HprofReader.open(dump)) {
            ClassHistogramBuilder.build(reader, (done, total) -> {
                synchronized (updates) {
                    updates.add(new long[] {done, total});
                }
            }, 2);
        }
        long[] last = updates.get(updates.size() - 1);
        assertThat(last[0]).isEqualTo(last[1]).isEqualTo(java.nio.file.Files.size(dump));
        assertThat(updates).allSatisfy(u -> assertThat(u[0]).isBetween(0L, u[1]));
    }

    private static ClassHistogram read(Path dump, int threads) throws Exception {
        try (HprofReader reader = HprofReader.open(dump)) {
            return ClassHistogramBuilder.build(reader, ReadProgress.NONE, threads);
        }
    }
}
