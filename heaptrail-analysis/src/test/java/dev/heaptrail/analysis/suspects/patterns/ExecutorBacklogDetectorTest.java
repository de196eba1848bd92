package dev.heaptrail.analysis.suspects.patterns;

import dev.heaptrail.analysis.suspects.LeakPattern;
import dev.heaptrail.analysis.suspects.LeakSuspect;
import dev.heaptrail.testkit.synthetic.FieldType;
import dev.heaptrail.testkit.synthetic.Ref;
import dev.heaptrail.testkit.synthetic.SyntheticHeap;
import org.junit.jupiter.api.Test;

import static dev.heaptrail.analysis.suspects.SyntheticSuspects.holder;
import static dev.heaptrail.analysis.suspects.SyntheticSuspects.payloads;
import static dev.heaptrail.analysis.suspects.SyntheticSuspects.suspects;
import static dev.heaptrail.analysis.suspects.SyntheticSuspects.topFacts;
import static org.assertj.core.api.Assertions.assertThat;

class ExecutorBacklogDetectorTest {

    private final ExecutorBacklogDetector detector = new ExecutorBacklogDetector();

    /** An ArrayBlockingQueue of {@code n} tasks, each with a kilobyte of payload. */
    private static Ref queue(SyntheticHeap heap, int n) {
        heap.newClass("java.util.concurrent.ArrayBlockingQueue").field("items", FieldType.OBJECT).field("count", FieldType.INT);
        heap.newClass("com.example.Task").field("payload", FieldType.OBJECT);
        Ref[] items = new Ref[n + 4];
        int i = 0;
        for (Ref p : payloads(heap, n, 1_000)) {
            items[i++] = heap.instance("com.example.Task").set("payload", p);
        }
        return heap.instance("java.util.concurrent.ArrayBlockingQueue").set("items", heap.objectArray(items)).set("count", n);
    }

    @Test
    void tasksQueuedInAnExecutorsWorkQueue() {
        LeakSuspect top = suspects(heap -> {
            heap.newClass("java.util.concurrent.ThreadPoolExecutor").field("workQueue", FieldType.OBJECT);
            holder(heap, "Jobs", "EXECUTOR", heap.instance("java.util.concurrent.ThreadPoolExecutor").set("workQueue", queue(heap, 50)));
        }).get(0);
        assertThat(top.pattern()).as(top.description()).isSameAs(LeakPattern.EXECUTOR_BACKLOG);
        assertThat(top.kind()).isEqualTo("java.util.concurrent.ArrayBlockingQueue");
        assertThat(top.elements()).isEqualTo(50);
        assertThat(top.dominantClass()).isEqualTo("com.example.Task");
        assertThat(top.dominantInstances()).isEqualTo(50);
    }

    @Test
    void aBlockingQueueHeldByAnythingElse() {
        assertThat(detector.matches(topFacts(heap -> holder(heap, "Jobs", "PENDING", queue(heap, 50))))).isTrue();
    }

    @Test
    void aPlainStaticListIsNoBacklog() {
        assertThat(detector.matches(topFacts(heap -> holder(heap, "Jobs", "DONE", heap.arrayList(payloads(heap, 50, 1_000)))))).isFalse();
    }
}
