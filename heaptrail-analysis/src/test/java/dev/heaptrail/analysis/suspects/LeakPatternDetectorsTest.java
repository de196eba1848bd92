package dev.heaptrail.analysis.suspects;

import dev.heaptrail.testkit.synthetic.FieldType;
import dev.heaptrail.testkit.synthetic.Ref;
import dev.heaptrail.testkit.synthetic.SyntheticHeap;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ordered list of detectors, the contract of their ids, and detectors added through ServiceLoader. */
class LeakPatternDetectorsTest {

    @Test
    void theBuiltInPatternsInPriorityOrderWithTheirContractIds() {
        assertThat(LeakPatternDetectors.defaults()).extracting(d -> d.pattern().id()).containsExactly(
                "thread-local-in-pooled-thread", "cancelled-tasks-in-scheduler", "executor-queue-backlog", "finalizer-backlog", "reference-queue-backlog",
                "class-loader-leak", "capturing-listener", "unremovable-hash-keys", "weak-map-values-hold-keys", "unbounded-static-collection",
                "growing-collection", "large-structure", "large-object");
        assertThat(LeakPattern.COLLECTION.title()).isEqualTo("many similar objects gathered in one collection");
        assertThat(LeakPattern.THREAD_LOCAL.advice()).startsWith("call ThreadLocal.remove() in a finally block");
    }

    @Test
    void aDetectorOnTheClassPathComesAfterTheSpecificOnesAndBeforeTheFallbacks() {
        List<String> ids = LeakPatternDetectors.installed(getClass().getClassLoader()).stream().map(d -> d.pattern().id()).toList();
        assertThat(ids).hasSize(14);
        assertThat(ids.indexOf("pooled-buffer-hoard")).isEqualTo(9);
        assertThat(ids.subList(10, 14)).containsExactly("unbounded-static-collection", "growing-collection", "large-structure", "large-object");
    }

    @Test
    void anInstalledDetectorNamesTheSuspectsItRecognises() throws Exception {
        List<LeakSuspect> suspects = LeakSuspects.find(SyntheticSuspects.analysis(this::buffers), 10, 5);
        assertThat(suspects.get(0).pattern()).isEqualTo(OffHeapBufferDetector.PATTERN);
        // without it, the same heap is a static collection
        List<LeakSuspect> builtIn = LeakSuspects.find(SyntheticSuspects.analysis(this::buffers), 10, 5, LeakPatternDetectors.defaults());
        assertThat(builtIn.get(0).pattern()).isSameAs(LeakPattern.STATIC_COLLECTION);
    }

    private void buffers(SyntheticHeap heap) {
        heap.newClass("com.example.PooledBuffer").field("bytes", FieldType.OBJECT);
        List<Ref> taken = new ArrayList<>();
        for (Ref b : SyntheticSuspects.payloads(heap, 120, 4_000)) {
            taken.add(heap.instance("com.example.PooledBuffer").set("bytes", b));
        }
        SyntheticSuspects.holder(heap, "Pool", "TAKEN", heap.arrayList(taken));
    }

    @Test
    void twoPatternsOfOneIdAreRefused() {
        LeakPatternDetector clash = new LeakPatternDetector() {
            @Override
            public LeakPattern pattern() {
                return new LeakPattern("large-object", "something else", "other advice");
            }

            @Override
            public boolean matches(SuspectFacts suspect) {
                return false;
            }
        };
        assertThatThrownBy(() -> LeakPatternDetectors.with(List.of(clash)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("large-object");
        assertThatThrownBy(() -> new LeakPattern("Not An Id", "t", "a")).isInstanceOf(IllegalArgumentException.class);
    }
}
