package dev.heaptrail.analysis.suspects;

import dev.heaptrail.analysis.HeapAnalysis;
import dev.heaptrail.analysis.paths.PathDescriber;
import dev.heaptrail.analysis.paths.PathStep;
import dev.heaptrail.heap.index.HeapIndex;
import dev.heaptrail.heap.index.ObjectKind;
import dev.heaptrail.heap.index.HeapIndexBuilder;
import dev.heaptrail.hprof.ReadProgress;
import dev.heaptrail.testkit.Jdks;
import dev.heaptrail.testkit.KnownHeapDump;
import dev.heaptrail.testkit.LeakScenarios;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each classic leak, built for real in a child JVM and dumped: heaptrail must name it. */
class LeakScenariosTest {

    /** The analysis of {@code LeakScenarios SCENARIO}'s heap, dumped from a child JVM (once per build). */
    static HeapAnalysis analysis(String scenario) throws Exception {
        Path dump = KnownHeapDump.create(Jdks.current(), List.of("-Xmx256m"), Path.of("target", "dumps", scenario), false,
                LeakScenarios.class, scenario).dump();
        return HeapAnalysis.of(HeapIndexBuilder.build(dump, ReadProgress.NONE));
    }

    private static List<LeakSuspect> analyse(String scenario) throws Exception {
        return LeakSuspects.find(analysis(scenario), 10, 5);
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
        assertThat(top.shape().leakLike()).as(top.shape().why()).isTrue();
        assertThat(fields(top)).contains(".threadLocals ").contains(".table ").contains(".value ");
        assertThat(top.kind()).isEqualTo("java.util.ArrayList");
        assertThat(top.dominantClass()).isEqualTo("byte[]");
        assertThat(top.thread()).startsWith("pool-");
        assertThat(top.threadLocal()).isEqualTo("LeakScenarios$ThreadLocals.BUFFERS");
        // two pooled threads, each with its own list: one leak, spread over both
        assertThat(top.description()).startsWith("the values of ThreadLocal LeakScenarios$ThreadLocals.BUFFERS in 2 threads");
        assertThat(suspects).filteredOn(s -> s.pattern() == LeakPattern.THREAD_LOCAL).hasSize(1);
        assertThat(top.spread().members()).extracting(LeakSuspect.Member::elements).containsExactly(200L, 200L);
        assertThat(top.spread().members()).extracting(LeakSuspect.Member::thread).allMatch(t -> t.startsWith("pool-"))
                .doesNotHaveDuplicates();
        assertThat(top.elements()).isEqualTo(400);
    }

    @Test
    void oneThreadLocalSpreadOverFourPooledThreadsOutranksALargerBoundedMap() throws Exception {
        List<LeakSuspect> suspects = analyse("spread");
        LeakSuspect top = suspects.get(0);
        assertThat(top.pattern()).as(top.description()).isEqualTo(LeakPattern.THREAD_LOCAL);
        assertThat(top.threadLocal()).isEqualTo("LeakScenarios$Spread.BUFFERS");
        assertThat(top.spread().anchor()).isEqualTo("ThreadLocal LeakScenarios$Spread.BUFFERS");
        assertThat(top.spread().members()).extracting(LeakSuspect.Member::elements)
                .containsExactly(Arrays.stream(LeakScenarios.Spread.PER_THREAD).asLongStream().boxed().toArray(Long[]::new));
        assertThat(top.spread().members()).extracting(LeakSuspect.Member::thread).doesNotHaveDuplicates()
                .allMatch(t -> t.matches("pool-\\d+-thread-[1-4]"));
        assertThat(top.spread().members().subList(1, 4)).allMatch(m -> m.retainedPercent() < 10);
        assertThat(top.dominantInstances()).isEqualTo(Arrays.stream(LeakScenarios.Spread.PER_THREAD).sum());
        assertThat(top.ranking().why()).contains("above #2, which retains more");

        LeakSuspect products = suspects.get(1);
        assertThat(products.path().get(products.path().size() - 1).field()).isEqualTo("PRODUCTS");
        assertThat(products.retainedBytes()).isGreaterThan(top.retainedBytes());
        assertThat(products.elements()).isEqualTo(26_000);
        assertThat(products.ranking().why()).contains("below #1, which retains less");
    }

    @Test
    void objectsWaitingBehindABlockedFinalizer() throws Exception {
        LeakSuspect top = analyse("finalizer").get(0);
        assertThat(top.pattern()).as(top.description()).isEqualTo(LeakPattern.FINALIZER_BACKLOG);
        assertThat(top.dominantClass()).isEqualTo(LeakScenarios.SlowFinalizer.class.getName());
        // all dropped but the one in finalize(), give or take one the collector had not yet found
        assertThat(top.dominantInstances()).isBetween(LeakScenarios.Finalizers.DROPPED - 3L, LeakScenarios.Finalizers.DROPPED - 1L);
        assertThat(top.elements()).isEqualTo(top.dominantInstances());
        assertThat(top.retainedBytes()).isGreaterThan(top.dominantInstances() * 10_000);
        assertThat(top.blockedIn()).matches(java.util.regex.Pattern.quote(LeakScenarios.SlowFinalizer.class.getName())
                + "\\.finalize\\(LeakScenarios\\.java:\\d+\\)");
        assertThat(top.path().get(0).className()).isEqualTo("class java.lang.ref.Finalizer");
        assertThat(top.path().get(top.path().size() - 1).field()).isEqualTo("queue");
    }

    @Test
    void cleaningActionsWaitingBehindABlockedCleaner() throws Exception {
        LeakSuspect top = analyse("cleaner").get(0);
        assertThat(top.pattern()).as(top.description()).isEqualTo(LeakPattern.REFERENCE_QUEUE_BACKLOG);
        assertThat(top.dominantClass()).isEqualTo(LeakScenarios.Release.class.getName());
        assertThat(top.dominantInstances()).isBetween(LeakScenarios.Cleaners.DROPPED - 3L, LeakScenarios.Cleaners.DROPPED - 1L);
        assertThat(top.retainedBytes()).isGreaterThan(top.dominantInstances() * 10_000);
        assertThat(top.blockedIn()).matches(java.util.regex.Pattern.quote(LeakScenarios.Release.class.getName())
                + "\\.run\\(LeakScenarios\\.java:\\d+\\)");
        assertThat(top.thread()).isEqualTo("Cleaner-0");
    }

    @Test
    void lambdasCapturingPayloadsInAStaticListenerList() throws Exception {
        LeakSuspect top = analyse("listener").get(0);
        assertThat(top.pattern()).as(top.description()).isEqualTo(LeakPattern.CAPTURING_LISTENER);
        assertThat(top.shape().leakLike()).as(top.shape().why()).isTrue();
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
        assertThat(top.shape().leakLike()).as(top.shape().why()).isTrue();
        assertThat(top.kind()).isEqualTo("java.util.concurrent.LinkedBlockingQueue");
        assertThat(top.path().get(top.path().size() - 1).field()).isEqualTo("workQueue");
        // The stuck worker's own frame holds the executor: the root names the thread and the frame.
        PathStep root = top.path().get(0);
        assertThat(root.rootKind()).isEqualTo("java frame");
        assertThat(root.thread()).isEqualTo("pool-1-thread-1");
        assertThat(root.frame()).matches("java\\.util\\.concurrent\\.ThreadPoolExecutor\\.runWorker\\(ThreadPoolExecutor\\.java:\\d+\\)");
    }

    @Test
    void manyClassLoadersOfOneKind() throws Exception {
        LeakSuspect top = analyse("class-loader").get(0);
        assertThat(top.pattern()).as(top.description()).isEqualTo(LeakPattern.CLASS_LOADER);
        assertThat(top.shape().leakLike()).as(top.shape().why()).isTrue();
        assertThat(top.dominantClass()).isEqualTo("java.net.URLClassLoader");
        assertThat(top.dominantInstances()).isEqualTo(30);
        assertThat(top.path().get(top.path().size() - 1).field()).isEqualTo("LOADERS");
    }

    @Test
    void theMapInsideAStaticListIsTheAccumulationPointNotTheList() throws Exception {
        LeakSuspect top = analyse("nested").get(0);
        assertThat(top.kind()).isEqualTo("java.util.HashMap");
        assertThat(top.shape().leakLike()).as(top.shape().why()).isTrue();
        assertThat(top.elements()).isEqualTo(5_000);
        assertThat(top.dominantClass()).isEqualTo("long[]");
        assertThat(top.dominantInstances()).isEqualTo(5_000);
        assertThat(fields(top)).contains(".REGISTRY ").endsWith("[] ");
    }

    @Test
    void aHashSetWhoseKeysChangedAfterInsertion() throws Exception {
        LeakSuspect top = analyse("mutated-keys").get(0);
        assertThat(top.pattern()).as(top.description()).isEqualTo(LeakPattern.UNREMOVABLE_KEYS);
        assertThat(top.shape().leakLike()).as(top.shape().why()).isTrue();
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
        assertThat(top.shape().leakLike()).as(top.shape().why()).isTrue();
        assertThat(top.elements()).isEqualTo(200);
        assertThat(suspects).noneMatch(s -> s.path().get(s.path().size() - 1).field().equals("CACHE"));
    }

    @Test
    void innerClassCallbacksKeepTheirOwnersThroughThis0() throws Exception {
        HeapAnalysis analysis = analysis("inner-class");
        LeakSuspect top = LeakSuspects.find(analysis, 10, 5).get(0);
        String widget = LeakScenarios.Widget.class.getName();
        assertThat(top.pattern()).as(top.description()).isEqualTo(LeakPattern.CAPTURING_LISTENER);
        assertThat(top.shape().leakLike()).as(top.shape().why()).isTrue();
        assertThat(top.dominantClass()).isEqualTo(widget + "$1");
        assertThat(top.dominantInstances()).isEqualTo(150);
        assertThat(top.path().get(top.path().size() - 1).field()).isEqualTo("CALLBACKS");
        LeakSuspect.Capture owner = top.captured().get(0);
        assertThat(owner.field()).isEqualTo("this$0");
        assertThat(owner.className()).isEqualTo(widget);
        assertThat(owner.retainedBytes()).isGreaterThan(50_000).isLessThan(50_200);

        // The trace to one widget's pixels names the capture: Object[] [i] → Widget$1, .this$0 → Widget, .pixels → byte[]
        HeapIndex index = analysis.index();
        long pixels = -1;
        for (long o = 0; o < index.objectCount() && pixels < 0; o++) {
            if (index.kind(o) == ObjectKind.INSTANCE && index.classOf(o).name().equals(widget)) {
                pixels = index.outgoingTarget(index.outgoingStart(o) + 1); // its class first, then pixels
            }
        }
        assertThat(index.typeName(pixels)).isEqualTo("byte[]");
        List<PathStep> path = new PathDescriber(index).describe(List.of(analysis.gcRootPaths().pathTo(pixels))).get(0);
        List<String> tail = path.subList(path.size() - 3, path.size()).stream()
                .map(s -> s.field() != null ? s.className() + "." + s.field() : s.className() + " at " + (s.index() >= 0 ? "an index" : "?"))
                .toList();
        // each step: an object, and the field or index of the one before that holds it
        assertThat(tail).containsExactly(widget + "$1 at an index", widget + ".this$0", "byte[].pixels");
    }

    @Test
    void classLoadersKeptAliveEachByItsOwnThread() throws Exception {
        HeapAnalysis analysis = analysis("loader-threads");
        LeakSuspect top = LeakSuspects.find(analysis, 10, 5).get(0);
        assertThat(top.pattern()).as(top.description()).isEqualTo(LeakPattern.CLASS_LOADER);
        assertThat(top.shape().leakLike()).as(top.shape().why()).isTrue();
        assertThat(top.loaderGroup()).isNotNull();
        assertThat(top.loaderGroup().loaders()).isEqualTo(12);
        assertThat(top.loaderGroup().duplicatedClass()).isEqualTo(LeakScenarios.Plugin.class.getName());
        assertThat(top.kind()).isEqualTo("java.net.URLClassLoader");
        assertThat(top.thread()).matches("app-\\d+-timer");
        assertThat(fields(top)).endsWith(".contextClassLoader ");
        assertThat(top.path().get(0).rootKind()).isEqualTo("thread object");
        assertThat(top.path().get(0).thread()).isEqualTo(top.thread());
        assertThat(top.description()).startsWith("12 class loaders of java.net.URLClassLoader, each with its own copy of "
                + LeakScenarios.Plugin.class.getName());
        // Independently: what the roots reach, minus what they reach when no loader of the group may be entered.
        HeapIndex index = analysis.index();
        java.util.Set<Long> loaders = new java.util.HashSet<>();
        for (long o = 0; o < index.objectCount(); o++) {
            if (index.kind(o) == ObjectKind.INSTANCE && index.classOf(o).name().equals("java.net.URLClassLoader")
                    && analysis.tree().isReachable(o)) {
                loaders.add(o);
            }
        }
        assertThat(loaders).hasSize(12);
        assertThat(top.retainedBytes()).isEqualTo(Reachability.reachableBytes(index, java.util.Set.of()) - Reachability.reachableBytes(index, loaders))
                .isGreaterThan(12 * 400_000L);
    }
}
