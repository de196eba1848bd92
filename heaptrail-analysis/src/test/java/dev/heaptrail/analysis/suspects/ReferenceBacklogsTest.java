package dev.heaptrail.analysis.suspects;

import dev.heaptrail.testkit.synthetic.ClassDef;
import dev.heaptrail.testkit.synthetic.FieldType;
import dev.heaptrail.testkit.synthetic.InstanceDef;
import dev.heaptrail.testkit.synthetic.SyntheticHeap;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.heaptrail.analysis.suspects.SyntheticSuspects.holder;
import static dev.heaptrail.analysis.suspects.SyntheticSuspects.suspects;
import static org.assertj.core.api.Assertions.assertThat;

/** Objects waiting in a reference queue: behind a blocked finalize(), or PhantomReferences nobody polls. */
class ReferenceBacklogsTest {

    /**
     * Chains {@code references} into {@code queue} as ReferenceQueue.enqueue does: the last one
     * enqueued is the head, each one's Reference.next the one before, the first one's itself.
     */
    private static void enqueue(InstanceDef queue, List<InstanceDef> references) {
        InstanceDef head = null;
        for (InstanceDef r : references) {
            r.set("java.lang.ref.Reference", "next", head == null ? r : head);
            head = r;
        }
        queue.set("head", head).set("queueLength", (long) references.size());
    }

    @Test
    void objectsBehindABlockedFinalizeAreOneSuspectNamingTheFrame() {
        List<LeakSuspect> found = suspects(heap -> {
            ClassDef slow = heap.newClass("com.example.Slow").field("data", FieldType.OBJECT);
            // A live object with a finalizer, in the list of all finalizable ones but not queued: not part of the backlog.
            InstanceDef live = heap.instance(slow).set("data", heap.byteArray(new byte[50_000]));
            holder(heap, "App", "CURRENT", live);
            heap.thread("main", "com.example.App.main(App.java:3)").local(0, live);
            InstanceDef queue = heap.instance("java.lang.ref.ReferenceQueue");
            heap.classNamed("java.lang.ref.Finalizer").staticField("queue", queue)
                    .staticField("unfinalized", heap.instance("java.lang.ref.Finalizer").set("referent", live));
            List<InstanceDef> queued = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                InstanceDef dropped = heap.instance(slow).set("data", heap.byteArray(new byte[1_000]));
                queued.add(heap.instance("java.lang.ref.Finalizer").set("referent", dropped));
            }
            enqueue(queue, queued);
            InstanceDef finalizing = heap.instance(slow).set("data", heap.byteArray(new byte[10]));
            heap.thread("Finalizer", "com.example.Slow.finalize(Slow.java:7)", "java.lang.ref.Finalizer.runFinalizer(Finalizer.java:88)")
                    .local(1, finalizing).local(0, finalizing);
        });
        LeakSuspect top = found.get(0);
        assertThat(top.pattern()).as(top.description()).isSameAs(LeakPattern.FINALIZER_BACKLOG);
        assertThat(top.shape().leakLike()).isTrue();
        assertThat(top.kind()).isEqualTo("java.lang.ref.ReferenceQueue");
        assertThat(top.elements()).isEqualTo(300);
        assertThat(top.dominantClass()).isEqualTo("com.example.Slow");
        assertThat(top.dominantInstances()).isEqualTo(300);
        // 300 of (a Slow, its 1,000 bytes, its Finalizer); the live object's 50,000 bytes are not waiting
        assertThat(top.retainedBytes()).isBetween(300L * 1_000, 300L * 1_200);
        assertThat(top.blockedIn()).isEqualTo("com.example.Slow.finalize(Slow.java:7)");
        assertThat(top.description()).startsWith("300 com.example.Slow objects wait for their finalize()")
                .endsWith("the finalizer thread is stuck in com.example.Slow.finalize(Slow.java:7)");
        assertThat(lastField(top)).isEqualTo("queue");
    }

    @Test
    void phantomReferencesNobodyPollsAreABacklogOfTheirQueue() {
        List<LeakSuspect> found = suspects(heap -> backlog(heap, 200));
        LeakSuspect top = found.get(0);
        assertThat(top.pattern()).as(top.description()).isSameAs(LeakPattern.REFERENCE_QUEUE_BACKLOG);
        assertThat(top.elements()).isEqualTo(200);
        assertThat(top.dominantClass()).isEqualTo("byte[]");
        assertThat(top.dominantInstances()).isEqualTo(200);
        assertThat(top.retainedBytes()).isBetween(200L * 2_000, 200L * 2_200);
        assertThat(top.description()).startsWith("200 references wait in a java.lang.ref.ReferenceQueue and hold");
        assertThat(lastField(top)).isEqualTo("QUEUE");
    }

    @Test
    void aShortQueueIsAQueueAtWork() {
        List<LeakSuspect> found = suspects(heap -> backlog(heap, 50));
        assertThat(found).noneMatch(s -> s.pattern() == LeakPattern.REFERENCE_QUEUE_BACKLOG);
    }

    /** {@code n} phantom references to resources, each with a 2,000-byte buffer to release, queued and never polled. */
    private static void backlog(SyntheticHeap heap, int n) {
        ClassDef ref = heap.newClass("com.example.ResourceRef", heap.classNamed("java.lang.ref.PhantomReference"))
                .field("buffer", FieldType.OBJECT);
        InstanceDef queue = heap.instance("java.lang.ref.ReferenceQueue");
        holder(heap, "Resources", "QUEUE", queue);
        List<InstanceDef> queued = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            queued.add(heap.instance(ref).set("buffer", heap.byteArray(new byte[2_000])).set("queue", queue));
        }
        enqueue(queue, queued);
        for (int i = 0; i < 20; i++) {
            heap.jniGlobal(heap.byteArray(new byte[1_000]));
        }
    }

    private static String lastField(LeakSuspect s) {
        return s.path().get(s.path().size() - 1).field();
    }
}
