package dev.heaptrail.analysis.suspects;

import dev.heaptrail.analysis.HeapAnalysis;
import dev.heaptrail.analysis.paths.PathStep;
import dev.heaptrail.heap.index.HeapIndexBuilder;
import dev.heaptrail.hprof.ReadProgress;
import dev.heaptrail.testkit.Jdks;
import dev.heaptrail.testkit.KnownHeapDump;
import dev.heaptrail.testkit.LeakScenarios;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each classic leak, built for real in a child JVM and dumped: heaptrail must name it. */
class LeakScenariosTest {

    private static List<LeakSuspect> analyse(String scenario) throws Exception {
        Path dump = KnownHeapDump.create(Jdks.current(), List.of("-Xmx256m"), Path.of("target", "dumps", scenario), false,
                LeakScenarios.class, scenario).dump();
        return LeakSuspects.find(HeapAnalysis.of(HeapIndexBuilder.build(dump, ReadProgress.NONE)), 10, 5);
    }

    private static String fields(LeakSuspect s) {
        StringBuilder b = new StringBuilder();
        for (PathStep step : s.path()) {
            b.append(step.field() != null ? "." + step.field() : step.index() >= 0 ? "[]" : step.className()).append(' ');
        }
        return b.toString();
    }

    @Test
    void threadLocalsInPooledThreads() throws Exception {
        List<LeakSuspect> suspects = analyse("thread-local");
        LeakSuspect top = suspects.get(0);
        assertThat(top.pattern()).as(top.description()).isEqualTo(LeakPattern.THREAD_LOCAL);
        assertThat(fields(top)).contains(".threadLocals ").contains(".table ").contains(".value ");
        assertThat(top.kind()).isEqualTo("java.util.ArrayList");
        assertThat(top.dominantClass()).isEqualTo("byte[]");
        assertThat(top.thread()).startsWith("pool-");
        assertThat(top.threadLocal()).isEqualTo("LeakScenarios$ThreadLocals.BUFFERS");
        assertThat(top.description()).startsWith("the value of ThreadLocal LeakScenarios$ThreadLocals.BUFFERS in thread pool-");
        // two pooled threads, each with its own list: both are suspects
        assertThat(suspects).filteredOn(s -> s.pattern() == LeakPattern.THREAD_LOCAL).hasSize(2);
        assertThat(suspects.get(0).elements() + suspects.get(1).elements()).isEqualTo(400);
    }

    @Test
    void lambdasCapturingPayloadsInAStaticListenerList() throws Exception {
        LeakSuspect top = analyse("listener").get(0);
        assertThat(top.pattern()).as(top.description()).isEqualTo(LeakPattern.CAPTURING_LISTENER);
        assertThat(top.dominantClass()).contains("$$Lambda");
        assertThat(top.dominantInstances()).isEqualTo(200);
        assertThat(top.elements()).isEqualTo(200);
        PathStep last = top.path().get(top.path().size() - 1);
        assertThat(last.field()).isEqualTo("LISTENERS");
        assertThat(last.isStatic()).isTrue();
    }

    @Test
    void executorQueueBacklog() throws Exception {
        LeakSuspect top = analyse("executor").get(0);
        assertThat(top.pattern()).as(top.description()).isEqualTo(LeakPattern.EXECUTOR_BACKLOG);
        assertThat(top.kind()).isEqualTo("java.util.concurrent.LinkedBlockingQueue");
        assertThat(top.path().get(top.path().size() - 1).field()).isEqualTo("workQueue");
    }

    @Test
    void manyClassLoadersOfOneKind() throws Exception {
        LeakSuspect top = analyse("class-loader").get(0);
        assertThat(top.pattern()).as(top.description()).isEqualTo(LeakPattern.CLASS_LOADER);
        assertThat(top.dominantClass()).isEqualTo("java.net.URLClassLoader");
        assertThat(top.dominantInstances()).isEqualTo(30);
        assertThat(top.path().get(top.path().size() - 1).field()).isEqualTo("LOADERS");
    }

    @Test
    void theMapInsideAStaticListIsTheAccumulationPointNotTheList() throws Exception {
        LeakSuspect top = analyse("nested").get(0);
        assertThat(top.kind()).isEqualTo("java.util.HashMap");
        assertThat(top.elements()).isEqualTo(5_000);
        assertThat(top.dominantClass()).isEqualTo("long[]");
        assertThat(top.dominantInstances()).isEqualTo(5_000);
        assertThat(fields(top)).contains(".REGISTRY ").endsWith("[] ");
    }

    @Test
    void aHashSetWhoseKeysChangedAfterInsertion() throws Exception {
        LeakSuspect top = analyse("mutated-keys").get(0);
        assertThat(top.pattern()).as(top.description()).isEqualTo(LeakPattern.UNREMOVABLE_KEYS);
        assertThat(top.kind()).isEqualTo("java.util.HashSet");
        assertThat(top.elements()).isEqualTo(3_000); // read from the set's backing map
        assertThat(top.dominantClass()).isEqualTo(LeakScenarios.Key.class.getName());
        assertThat(top.dominantInstances()).isEqualTo(3_000);
    }

    @Test
    void theStaticListenerListIsNotMistakenForUnremovableKeys() throws Exception {
        assertThat(analyse("nested").get(0).pattern()).isNotEqualTo(LeakPattern.UNREMOVABLE_KEYS);
    }

    @Test
    void aSoftReferenceCacheNeverOutranksARealLeak() throws Exception {
        List<LeakSuspect> suspects = analyse("soft-cache");
        LeakSuspect top = suspects.get(0);
        assertThat(top.path().get(top.path().size() - 1).field()).isEqualTo("AUDIT_LOG");
        assertThat(top.pattern()).isEqualTo(LeakPattern.STATIC_COLLECTION);
        assertThat(top.elements()).isEqualTo(200);
        assertThat(suspects).noneMatch(s -> s.path().get(s.path().size() - 1).field().equals("CACHE"));
    }
}
