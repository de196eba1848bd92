package dev.heaptrail.analysis.suspects;

import dev.heaptrail.testkit.synthetic.ClassDef;
import dev.heaptrail.testkit.synthetic.FieldType;
import dev.heaptrail.testkit.synthetic.InstanceDef;
import dev.heaptrail.testkit.synthetic.Ref;
import dev.heaptrail.testkit.synthetic.SyntheticHeap;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.heaptrail.analysis.suspects.SyntheticSuspects.holder;
import static dev.heaptrail.analysis.suspects.SyntheticSuspects.payloads;
import static dev.heaptrail.analysis.suspects.SyntheticSuspects.suspects;
import static org.assertj.core.api.Assertions.assertThat;

/** One leak held the same way under several GC roots is one suspect, ranked by its sum and by how leak-like it is. */
class SpreadSuspectsTest {

    /** A catalog of {@code n} products, each with a 1,000-byte payload: a map that is large, and alike, but bounded. */
    private static void catalog(SyntheticHeap heap, int n) {
        ClassDef product = heap.newClass("com.example.Product").field("data", FieldType.OBJECT);
        Map<Ref, Ref> byId = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            byId.put(heap.box(i), heap.instance(product).set("data", heap.byteArray(new byte[1_000])));
        }
        holder(heap, "Catalog", "PRODUCTS", heap.hashMap(byId));
    }

    /** Small objects, each its own root: heap that no suspect holds. */
    private static void filler(SyntheticHeap heap, int n) {
        for (int i = 0; i < n; i++) {
            heap.jniGlobal(heap.byteArray(new byte[1_000]));
        }
    }

    @Test
    void oneThreadLocalInFourPooledThreadsIsOneSuspectThatOutranksALargerMapOfProducts() {
        int[] buffers = {150, 60, 55, 55};
        List<LeakSuspect> found = suspects(heap -> {
            Ref local = heap.threadLocal();
            holder(heap, "Handler", "BUFFERS", local);
            for (int t = 0; t < buffers.length; t++) {
                heap.thread("pool-1-thread-" + (t + 1), "com.example.Handler.run(Handler.java:42)")
                        .threadLocals(Map.of(local, heap.arrayList(payloads(heap, buffers[t], 1_000))));
            }
            catalog(heap, 580);
            filler(heap, 60);
        });
        LeakSuspect top = found.get(0);
        assertThat(top.pattern()).as(top.description()).isSameAs(LeakPattern.THREAD_LOCAL);
        assertThat(top.spread()).as(top.description()).isNotNull();
        assertThat(top.spread().anchor()).isEqualTo("ThreadLocal Handler.BUFFERS");
        assertThat(top.spread().members()).extracting(LeakSuspect.Member::thread)
                .containsExactly("pool-1-thread-1", "pool-1-thread-2", "pool-1-thread-3", "pool-1-thread-4");
        assertThat(top.spread().members()).extracting(LeakSuspect.Member::elements).containsExactly(150L, 60L, 55L, 55L);
        assertThat(top.retainedBytes()).isEqualTo(top.spread().members().stream().mapToLong(LeakSuspect.Member::retainedBytes).sum());
        // Three of the four are each under the 10 % threshold; together they are about a third of the heap.
        assertThat(top.spread().members().subList(1, 4)).allMatch(m -> m.retainedPercent() < 10);
        assertThat(top.retainedPercent()).isBetween(30.0, 35.0);
        assertThat(top.elements()).isEqualTo(320);
        assertThat(top.dominantClass()).isEqualTo("byte[]");
        assertThat(top.dominantInstances()).isEqualTo(320);
        assertThat(top.thread()).isEqualTo("pool-1-thread-1");
        assertThat(top.description()).startsWith("the values of ThreadLocal Handler.BUFFERS in 4 threads (java.util.ArrayList each) retain");

        LeakSuspect map = found.get(1);
        assertThat(map.pattern()).isSameAs(LeakPattern.STATIC_COLLECTION);
        assertThat(map.retainedBytes()).isGreaterThan(top.retainedBytes());
        assertThat(map.shape().evidence()).isSameAs(LeakShape.Evidence.MANY_SIMILAR);
        assertThat(top.ranking().why()).contains("× 1 (a known leak pattern)").contains("above #2, which retains more");
        assertThat(map.ranking().why()).contains("× 0.5 (a pile-up of similar objects").contains("below #1, which retains less");
        assertThat(found).hasSize(2);
    }

    @Test
    void twoThreadLocalsAreTwoLeaksEvenInTheSameKindOfThread() {
        List<LeakSuspect> found = suspects(heap -> {
            Ref buffers = heap.threadLocal();
            Ref contexts = heap.threadLocal();
            holder(heap, "Handler", "BUFFERS", buffers);
            holder(heap, "Session", "CONTEXT", contexts);
            for (int t = 1; t <= 4; t++) {
                Ref local = t <= 2 ? buffers : contexts;
                heap.thread("pool-1-thread-" + t).threadLocals(Map.of(local, heap.arrayList(payloads(heap, 100, 1_000))));
            }
        });
        assertThat(found).hasSize(2);
        assertThat(found).extracting(s -> s.spread().anchor())
                .containsExactlyInAnyOrder("ThreadLocal Handler.BUFFERS", "ThreadLocal Session.CONTEXT");
        assertThat(found).allMatch(s -> s.spread().members().size() == 2 && s.elements() == 200);
    }

    @Test
    void oneFieldOfObjectsHeldByDifferentThreadsIsOneLeak() {
        List<LeakSuspect> found = suspects(heap -> {
            ClassDef session = heap.newClass("com.example.Session").field("cache", FieldType.OBJECT);
            for (int t = 1; t <= 3; t++) {
                Map<Ref, Ref> entries = new LinkedHashMap<>();
                for (Ref payload : payloads(heap, 50, 2_000)) {
                    entries.put(heap.box(entries.size()), payload);
                }
                InstanceDef s = heap.instance(session).set("cache", heap.hashMap(entries));
                heap.thread("http-" + t, "com.example.Server.handle(Server.java:10)").local(0, s);
            }
            // The same class of map under another field is another matter.
            heap.thread("audit", "com.example.Audit.run(Audit.java:5)")
                    .local(0, heap.instance(heap.newClass("com.example.Audit").field("log", FieldType.OBJECT))
                            .set("log", heap.hashMap(Map.of(heap.box(1), heap.byteArray(new byte[80_000])))));
        });
        LeakSuspect top = found.get(0);
        assertThat(top.spread()).as(top.description()).isNotNull();
        assertThat(top.spread().anchor()).isEqualTo("field com.example.Session.cache");
        assertThat(top.spread().members()).extracting(LeakSuspect.Member::thread).containsExactlyInAnyOrder("http-1", "http-2", "http-3");
        assertThat(top.elements()).isEqualTo(150);
        assertThat(top.description()).startsWith("3 java.util.HashMap objects, each under field com.example.Session.cache, retain");
        assertThat(found).filteredOn(s -> s.spread() == null).extracting(LeakSuspect::kind).containsOnly("java.util.HashMap");
        assertThat(found).filteredOn(s -> s.spread() == null).allMatch(s -> s.path().get(s.path().size() - 1).field().equals("log"));
    }
}
