package dev.heaptrail.analysis.suspects.patterns;

import dev.heaptrail.analysis.suspects.LeakPattern;
import dev.heaptrail.analysis.suspects.LeakSuspect;
import dev.heaptrail.analysis.suspects.SuspectFacts;
import dev.heaptrail.testkit.synthetic.FieldType;
import org.junit.jupiter.api.Test;

import static dev.heaptrail.analysis.suspects.SyntheticSuspects.holder;
import static dev.heaptrail.analysis.suspects.SyntheticSuspects.payloads;
import static dev.heaptrail.analysis.suspects.SyntheticSuspects.suspects;
import static dev.heaptrail.analysis.suspects.SyntheticSuspects.topFacts;
import static org.assertj.core.api.Assertions.assertThat;

/** The three general detectors: a collection in a static field, any other collection, one large object. */
class FallbackDetectorsTest {

    @Test
    void aListInAStaticField() {
        SuspectFacts facts = topFacts(heap -> holder(heap, "Audit", "LOG", heap.arrayList(payloads(heap, 30, 1_000))));
        assertThat(facts.collection()).isTrue();
        assertThat(facts.heldByStaticField()).isTrue();
        assertThat(new StaticCollectionDetector().matches(facts)).isTrue();
        assertThat(new GrowingCollectionDetector().matches(facts)).isTrue();
    }

    @Test
    void aListOnAThreadsStackIsACollectionButNotAStaticOne() {
        LeakSuspect top = suspects(heap -> heap.thread("main", "com.example.Batch.run(Batch.java:10)")
                .local(0, heap.arrayList(payloads(heap, 30, 1_000)))).get(0);
        assertThat(top.pattern()).as(top.description()).isSameAs(LeakPattern.COLLECTION);
        assertThat(top.elements()).isEqualTo(30);
        assertThat(top.thread()).isEqualTo("main");
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
        SuspectFacts facts = topFacts(heap -> {
            heap.newClass("com.example.Image").field("pixels", FieldType.OBJECT);
            holder(heap, "Screen", "BACKGROUND", heap.instance("com.example.Image").set("pixels", heap.byteArray(new byte[50_000])));
        });
        assertThat(new StaticCollectionDetector().matches(facts)).isFalse();
        assertThat(new GrowingCollectionDetector().matches(facts)).isFalse();
        assertThat(new LargeObjectDetector().matches(facts)).isTrue();
    }
}
