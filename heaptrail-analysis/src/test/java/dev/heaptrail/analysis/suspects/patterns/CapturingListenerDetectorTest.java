package dev.heaptrail.analysis.suspects.patterns;

import dev.heaptrail.analysis.suspects.LeakPattern;
import dev.heaptrail.analysis.suspects.LeakSuspect;
import dev.heaptrail.testkit.synthetic.FieldType;
import dev.heaptrail.testkit.synthetic.Ref;
import dev.heaptrail.testkit.synthetic.SyntheticHeap;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.heaptrail.analysis.suspects.SyntheticSuspects.holder;
import static dev.heaptrail.analysis.suspects.SyntheticSuspects.payloads;
import static dev.heaptrail.analysis.suspects.SyntheticSuspects.suspects;
import static dev.heaptrail.analysis.suspects.SyntheticSuspects.topFacts;
import static org.assertj.core.api.Assertions.assertThat;

class CapturingListenerDetectorTest {

    private final CapturingListenerDetector detector = new CapturingListenerDetector();

    /** {@code n} instances of {@code className}, each holding a payload in {@code field}, in a static list. */
    private static void listeners(SyntheticHeap heap, String className, String field, String payloadClass) {
        heap.newClass(payloadClass).field("pixels", FieldType.OBJECT);
        heap.newClass(className).field(field, FieldType.OBJECT);
        List<Ref> all = new ArrayList<>();
        for (Ref pixels : payloads(heap, 30, 2_000)) {
            all.add(heap.instance(className).set(field, heap.instance(payloadClass).set("pixels", pixels)));
        }
        holder(heap, "Bus", "LISTENERS", heap.arrayList(all));
    }

    @Test
    void innerClassesKeepTheirOwnersThroughThis0() {
        LeakSuspect top = suspects(heap -> listeners(heap, "com.example.Widget$1", "this$0", "com.example.Widget")).get(0);
        assertThat(top.pattern()).as(top.description()).isSameAs(LeakPattern.CAPTURING_LISTENER);
        assertThat(top.dominantClass()).isEqualTo("com.example.Widget$1");
        assertThat(top.dominantInstances()).isEqualTo(30);
        LeakSuspect.Capture capture = top.captured().get(0);
        assertThat(capture.field()).isEqualTo("this$0");
        assertThat(capture.className()).isEqualTo("com.example.Widget");
        assertThat(capture.retainedBytes()).isGreaterThan(2_000).isLessThan(2_100);
        assertThat(top.captureAdvice()).containsExactly("make Widget$1 a static nested class (pass it only what it uses):"
                + " through this$0 each one keeps its Widget alive");
    }

    @Test
    void aLambdaIsAdvisedToCaptureLess() {
        LeakSuspect top = suspects(heap -> listeners(heap, "com.example.Ui$$Lambda$14/0x0000000800c01234", "arg$1",
                "com.example.Frame")).get(0);
        assertThat(top.pattern()).as(top.description()).isSameAs(LeakPattern.CAPTURING_LISTENER);
        assertThat(top.captureAdvice()).containsExactly("capture less in Ui$$Lambda$14/0x0000000800c01234: arg$1 keeps a whole"
                + " com.example.Frame; read the values the lambda needs into locals before making it");
    }

    @Test
    void aSuspectThatCapturesNothingHasNoCaptureAdvice() {
        LeakSuspect top = suspects(heap -> listeners(heap, "com.example.SaveListener", "owner", "com.example.Document")).get(0);
        assertThat(top.captured()).isEmpty();
        assertThat(top.captureAdvice()).isEmpty();
    }

    @Test
    void lambdasKeepWhatTheyCaptureThroughArgN() {
        assertThat(detector.matches(topFacts(heap -> listeners(heap, "com.example.Ui$$Lambda$14/0x0000000800c01234", "arg$1",
                "com.example.Frame")))).isTrue();
    }

    @Test
    void namedListenerClassesAreNot() {
        assertThat(detector.matches(topFacts(heap -> listeners(heap, "com.example.SaveListener", "owner", "com.example.Document"))))
                .isFalse();
    }
}
