package dev.heaptrail.analysis.suspects.patterns;

import dev.heaptrail.analysis.suspects.LeakPattern;
import dev.heaptrail.analysis.suspects.LeakSuspect;
import dev.heaptrail.analysis.suspects.SuspectFacts;
import dev.heaptrail.testkit.synthetic.FieldType;
import dev.heaptrail.testkit.synthetic.Ref;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.heaptrail.analysis.suspects.SyntheticSuspects.holder;
import static dev.heaptrail.analysis.suspects.SyntheticSuspects.payloads;
import static dev.heaptrail.analysis.suspects.SyntheticSuspects.suspects;
import static dev.heaptrail.analysis.suspects.SyntheticSuspects.topFacts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The general detectors: a collection in a static field, any other collection (both only with many
 * similar objects gathered), a large structure, one large object; and which of them are leak-like.
 */
class FallbackDetectorsTest {

    @Test
    void manyArraysInAListInAStaticField() {
        SuspectFacts facts = topFacts(heap -> holder(heap, "Audit", "LOG", heap.arrayList(payloads(heap, 150, 1_000))));
        assertThat(facts.collection()).isTrue();
        assertThat(facts.heldByStaticField()).isTrue();
        assertThat(facts.elements()).isEqualTo(150);
        assertThat(facts.manySimilarElements()).isTrue();
        assertThat(new StaticCollectionDetector().matches(facts)).isTrue();
        assertThat(new GrowingCollectionDetector().matches(facts)).isTrue();
        LeakSuspect top = suspects(heap -> holder(heap, "Audit", "LOG", heap.arrayList(payloads(heap, 150, 1_000)))).get(0);
        assertThat(top.shape().leakLike()).isTrue();
        assertThat(top.shape().why()).isEqualTo("150 byte[] objects gathered in one place (100 % of what it retains), 150 elements");
    }

    @Test
    void aListOnAThreadsStackIsACollectionButNotAStaticOne() {
        LeakSuspect top = suspects(heap -> heap.thread("main", "com.example.Batch.run(Batch.java:10)")
                .local(0, heap.arrayList(payloads(heap, 150, 1_000)))).get(0);
        assertThat(top.pattern()).as(top.description()).isSameAs(LeakPattern.COLLECTION);
        assertThat(top.elements()).isEqualTo(150);
        assertThat(top.thread()).isEqualTo("main");
        assertThat(top.shape().leakLike()).isTrue();
    }

    @Test
    void aFewLargeElementsAreALargeStructureNotALeak() {
        // a pool of three compiler contexts, as javac keeps in JShell: large, but a fixed set
        SuspectFacts facts = topFacts(heap -> holder(heap, "Pool", "CONTEXTS", heap.arrayList(payloads(heap, 3, 50_000))));
        assertThat(facts.manySimilarElements()).isFalse();
        assertThat(new StaticCollectionDetector().matches(facts)).isFalse();
        assertThat(new GrowingCollectionDetector().matches(facts)).isFalse();
        assertThat(new LargeStructureDetector().matches(facts)).isTrue();
        LeakSuspect top = suspects(heap -> holder(heap, "Pool", "CONTEXTS", heap.arrayList(payloads(heap, 3, 50_000)))).get(0);
        assertThat(top.pattern()).as(top.description()).isSameAs(LeakPattern.LARGE_STRUCTURE);
        assertThat(top.shape().leakLike()).isFalse();
        assertThat(top.shape().why()).isEqualTo("3 elements, too few to be a pile-up; one dump cannot show whether it grows");
    }

    @Test
    void manyElementsOfManyKindsAreALargeStructure() {
        // as an index from names to lists of names: three arrays of one class an element, a third of it, beside others
        LeakSuspect top = suspects(heap -> {
            List<Ref> lists = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                lists.add(heap.arrayList(List.of(heap.byteArray(new byte[40]), heap.byteArray(new byte[40]), heap.byteArray(new byte[40]),
                        heap.longArray(new long[6]), heap.longArray(new long[6]), heap.intArray(new int[10]), heap.intArray(new int[10]))));
            }
            holder(heap, "Names", "INDEX", heap.arrayList(lists));
        }).get(0);
        assertThat(top.elements()).isEqualTo(150);
        assertThat(top.pattern()).as(top.description()).isSameAs(LeakPattern.LARGE_STRUCTURE);
        assertThat(top.shape().leakLike()).isFalse();
        assertThat(top.shape().why()).startsWith("its elements are of many kinds (the largest share, byte[], holds ")
                .endsWith(" %, 3.0 objects an element); one dump cannot show whether it grows");
    }

    @Test
    void oneSmallArrayPerElementIsManySimilarObjectsThoughNodesOutweighThem() {
        // a map of small arrays, as ManyObjects.STORE: the entries' nodes and boxed keys weigh more than the arrays
        SuspectFacts facts = topFacts(heap -> holder(heap, "Store", "ALL", heap.hashMap(keysToSmallArrays(heap, 300))));
        assertThat(facts.dominantClassName()).isEqualTo("long[]");
        assertThat(facts.dominantClass().orElseThrow().bytes()).isLessThan(facts.retainedBytes() / 2);
        assertThat(facts.manySimilarElements()).isTrue();
        assertThat(new StaticCollectionDetector().matches(facts)).isTrue();
    }

    private static java.util.Map<Ref, Ref> keysToSmallArrays(dev.heaptrail.testkit.synthetic.SyntheticHeap heap, int n) {
        java.util.Map<Ref, Ref> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            map.put(heap.string("key-" + i), heap.longArray(new long[6]));
        }
        return map;
    }

    @Test
    void oneObjectHoldingOneBigArray() {
        LeakSuspect top = suspects(heap -> {
            heap.newClass("com.example.Image").field("pixels", FieldType.OBJECT);
            holder(heap, "Screen", "BACKGROUND", heap.instance("com.example.Image").set("pixels", heap.byteArray(new byte[50_000])));
        }).get(0);
        assertThat(top.pattern()).as(top.description()).isSameAs(LeakPattern.LARGE_OBJECT);
        assertThat(top.kind()).isEqualTo("byte[]"); // the memory is in the array the image holds
        assertThat(top.elements()).isEqualTo(-1);
        assertThat(top.shape().leakLike()).isFalse();
        SuspectFacts facts = topFacts(heap -> {
            heap.newClass("com.example.Image").field("pixels", FieldType.OBJECT);
            holder(heap, "Screen", "BACKGROUND", heap.instance("com.example.Image").set("pixels", heap.byteArray(new byte[50_000])));
        });
        assertThat(new StaticCollectionDetector().matches(facts)).isFalse();
        assertThat(new GrowingCollectionDetector().matches(facts)).isFalse();
        assertThat(new LargeStructureDetector().matches(facts)).isFalse();
        assertThat(new LargeObjectDetector().matches(facts)).isTrue();
    }
}
