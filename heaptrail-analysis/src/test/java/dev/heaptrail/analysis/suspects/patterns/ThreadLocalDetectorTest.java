package dev.heaptrail.analysis.suspects.patterns;

import dev.heaptrail.analysis.paths.PathStep;
import dev.heaptrail.analysis.suspects.LeakPattern;
import dev.heaptrail.analysis.suspects.LeakSuspect;
import dev.heaptrail.analysis.suspects.SuspectFacts;
import dev.heaptrail.testkit.synthetic.Ref;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.heaptrail.analysis.suspects.SyntheticSuspects.holder;
import static dev.heaptrail.analysis.suspects.SyntheticSuspects.payloads;
import static dev.heaptrail.analysis.suspects.SyntheticSuspects.suspects;
import static dev.heaptrail.analysis.suspects.SyntheticSuspects.topFacts;
import static org.assertj.core.api.Assertions.assertThat;

class ThreadLocalDetectorTest {

    private final ThreadLocalDetector detector = new ThreadLocalDetector();

    @Test
    void aListInAPooledThreadsThreadLocal() {
        List<LeakSuspect> found = suspects(heap -> {
            Ref tl = heap.threadLocal();
            holder(heap, "Handler", "BUFFERS", tl);
            heap.thread("pool-1-thread-1", "com.example.Handler.run(Handler.java:42)")
                    .threadLocals(Map.of(tl, heap.arrayList(payloads(heap, 40, 1_000))));
        });
        LeakSuspect top = found.get(0);
        assertThat(top.pattern()).as(top.description()).isSameAs(LeakPattern.THREAD_LOCAL);
        assertThat(top.thread()).isEqualTo("pool-1-thread-1");
        assertThat(top.threadLocal()).isEqualTo("Handler.BUFFERS");
        assertThat(top.elements()).isEqualTo(40);
    }

    @Test
    void aStaticListIsNotAThreadLocal() {
        SuspectFacts facts = topFacts(heap -> holder(heap, "Registry", "ALL", heap.arrayList(payloads(heap, 40, 1_000))));
        assertThat(detector.matches(facts)).isFalse();
    }

    @Test
    void aThreadLocalBehindAnExecutorsQueueIsTheQueuesBacklog() {
        SuspectFacts facts = topFacts(heap -> holder(heap, "Registry", "ALL", heap.arrayList(payloads(heap, 40, 1_000))));
        List<PathStep> path = new ArrayList<>(facts.path());
        path.add(1, new PathStep(0, 0, "java.util.concurrent.ThreadPoolExecutor", null, "workQueue", -1, false));
        path.add(2, new PathStep(0, 0, "java.lang.Thread", null, "threadLocals", -1, false));
        SuspectFacts queued = new SuspectFacts(facts.graph(), facts.point(), path, facts.dominantClass(), true);
        assertThat(detector.matches(queued)).isFalse();
        assertThat(new ExecutorBacklogDetector().matches(queued)).isTrue();
        path.remove(1);
        SuspectFacts direct = new SuspectFacts(facts.graph(), facts.point(), path, facts.dominantClass(), true);
        assertThat(detector.matches(direct)).isTrue();
    }
}
