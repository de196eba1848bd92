package dev.heaptrail.analysis.suspects.patterns;

import dev.heaptrail.analysis.suspects.LeakPattern;
import dev.heaptrail.analysis.suspects.LeakSuspect;
import dev.heaptrail.testkit.synthetic.FieldType;
import dev.heaptrail.testkit.synthetic.Ref;
import dev.heaptrail.testkit.synthetic.SyntheticHeap;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

import static dev.heaptrail.analysis.suspects.SyntheticSuspects.holder;
import static dev.heaptrail.analysis.suspects.SyntheticSuspects.payloads;
import static dev.heaptrail.analysis.suspects.SyntheticSuspects.suspects;
import static dev.heaptrail.analysis.suspects.SyntheticSuspects.topFacts;
import static org.assertj.core.api.Assertions.assertThat;

class UnremovableKeysDetectorTest {

    private final UnremovableKeysDetector detector = new UnremovableKeysDetector();

    /** A static HashSet of 40 keys whose {@code id} is {@code id(i)}, each with a payload. */
    private static void keys(SyntheticHeap heap, IntUnaryOperator id) {
        heap.newClass("com.example.Key").field("id", FieldType.INT).field("payload", FieldType.OBJECT);
        List<Ref> keys = new ArrayList<>();
        List<Ref> payloads = payloads(heap, 40, 1_000);
        for (int i = 0; i < payloads.size(); i++) {
            keys.add(heap.instance("com.example.Key").set("id", id.applyAsInt(i)).set("payload", payloads.get(i)));
        }
        holder(heap, "Sessions", "OPEN", heap.hashSet(keys));
    }

    @Test
    void keysThatAllLookTheSame() {
        LeakSuspect top = suspects(heap -> keys(heap, i -> 7)).get(0);
        assertThat(top.pattern()).as(top.description()).isSameAs(LeakPattern.UNREMOVABLE_KEYS);
        assertThat(top.kind()).isEqualTo("java.util.HashSet");
        assertThat(top.elements()).isEqualTo(40);
        assertThat(top.dominantClass()).isEqualTo("com.example.Key");
    }

    @Test
    void keysThatDifferAreNot() {
        assertThat(detector.matches(topFacts(heap -> keys(heap, i -> i)))).isFalse();
    }

    @Test
    void aListIsNoHashSet() {
        assertThat(detector.matches(topFacts(heap -> holder(heap, "Sessions", "ALL", heap.arrayList(payloads(heap, 40, 1_000))))))
                .isFalse();
    }
}
