package dev.heaptrail.analysis.suspects;

import dev.heaptrail.analysis.paths.PathStep;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** How a suspect is held, apart from which root holds it. */
class RetentionSignatureTest {

    private static PathStep root(String className) {
        return new PathStep(1, 0x10, className, "thread object", null, -1, false);
    }

    private static PathStep field(String className, String field) {
        return new PathStep(2, 0x20, className, null, field, -1, false);
    }

    private static PathStep element(String className, int index) {
        return new PathStep(3, 0x30, className, null, null, index, false);
    }

    private static List<PathStep> threadLocalValue(String threadClass, int slot, String threadLocal) {
        return List.of(root(threadClass), field("java.lang.ThreadLocal$ThreadLocalMap", "threadLocals"),
                field("java.lang.ThreadLocal$ThreadLocalMap$Entry[]", "table"),
                new PathStep(4, 0x40, "java.lang.ThreadLocal$ThreadLocalMap$Entry", null, null, slot, false, null, threadLocal, null),
                field("java.util.ArrayList", "value"));
    }

    @Test
    void theSameThreadLocalInTwoThreadsIsOneSignatureWhateverTheSlotOrThread() {
        RetentionSignature a = RetentionSignature.of(threadLocalValue("java.lang.Thread", 3, "Handler.BUFFERS")).orElseThrow();
        RetentionSignature b = RetentionSignature.of(threadLocalValue("com.example.Worker", 7, "Handler.BUFFERS")).orElseThrow();
        RetentionSignature other = RetentionSignature.of(threadLocalValue("java.lang.Thread", 3, "Session.CONTEXT")).orElseThrow();
        assertThat(a.anchor()).isEqualTo("ThreadLocal Handler.BUFFERS");
        assertThat(a.key()).isEqualTo(b.key()).isNotEqualTo(other.key());
    }

    @Test
    void aFieldIsTheAnchorNotTheMapNodesOnTheWay() {
        List<PathStep> path = List.of(root("com.example.Server"), field("com.example.Session", "current"),
                field("java.util.HashMap", "cache"), field("java.util.HashMap$Node[]", "table"), element("java.util.HashMap$Node", 5),
                field("java.util.ArrayList", "value"));
        RetentionSignature s = RetentionSignature.of(path).orElseThrow();
        assertThat(s.anchor()).isEqualTo("field com.example.Session.cache");
        assertThat(s.key()).endsWith(".table java.util.HashMap$Node[] [] java.util.HashMap$Node .value java.util.ArrayList");
        // the same map held by another field is another signature
        List<PathStep> other = List.of(root("com.example.Server"), field("com.example.Session", "current"),
                field("java.util.HashMap", "history"), field("java.util.HashMap$Node[]", "table"), element("java.util.HashMap$Node", 5),
                field("java.util.ArrayList", "value"));
        assertThat(RetentionSignature.of(other).orElseThrow().key()).isNotEqualTo(s.key());
    }

    @Test
    void aRootHoldingTheSuspectDirectlyHasNoSignature() {
        assertThat(RetentionSignature.of(List.of(root("java.util.ArrayList")))).isEqualTo(Optional.empty());
        assertThat(RetentionSignature.of(List.of(root("java.lang.Object[]"), element("java.util.HashMap", 0)))).isEmpty();
    }
}
