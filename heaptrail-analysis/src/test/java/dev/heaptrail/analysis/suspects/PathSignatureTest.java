package dev.heaptrail.analysis.suspects;

import dev.heaptrail.analysis.paths.PathStep;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PathSignatureTest {

    /** A static map of lists of Foo, each object at its own id and index: what a dump's path gives. */
    private static List<PathStep> path(long base, int bucket, int element) {
        return List.of(
                new PathStep(base + 1, base + 0x10, "class Registry", "sticky class", null, -1, false),
                new PathStep(base + 2, base + 0x20, "java.util.HashMap", null, "MAP", -1, true),
                new PathStep(base + 3, base + 0x30, "java.util.HashMap$Node[]", null, "table", -1, false),
                new PathStep(base + 4, base + 0x40, "java.util.HashMap$Node", null, null, bucket, false),
                new PathStep(base + 5, base + 0x50, "java.util.HashMap$Node", null, "next", -1, false),
                new PathStep(base + 6, base + 0x60, "java.util.ArrayList", null, "value", -1, false),
                new PathStep(base + 7, base + 0x70, "java.lang.Object[]", null, "elementData", -1, false),
                new PathStep(base + 8, base + 0x80, "Foo", null, null, element, false),
                new PathStep(base + 9, base + 0x90, "long[]", null, "data", -1, false));
    }

    @Test
    void aCollectionsInternalsAreOneEntryAndIdsAndIndexesDoNotCount() {
        PathSignature s = PathSignature.of(path(0, 3, 17));
        assertThat(s.text()).isEqualTo("(sticky class) class Registry .MAP (static) java.util.HashMap [entry] .value java.util.ArrayList"
                + " [entry] [] Foo .data long[]");
        // another dump: other ids, other buckets and indexes, a chain one node shorter
        List<PathStep> other = new java.util.ArrayList<>(path(1000, 9, 2));
        other.remove(4);
        assertThat(PathSignature.of(other)).isEqualTo(s);
    }

    @Test
    void anotherFieldOrRootIsAnotherSignature() {
        List<PathStep> p = new java.util.ArrayList<>(path(0, 3, 17));
        p.set(1, new PathStep(2, 0x20, "java.util.HashMap", null, "OTHER", -1, true));
        assertThat(PathSignature.of(p)).isNotEqualTo(PathSignature.of(path(0, 3, 17)));
        p = new java.util.ArrayList<>(path(0, 3, 17));
        p.set(0, new PathStep(1, 0x10, "class Registry", "jni global", null, -1, false));
        assertThat(PathSignature.of(p)).isNotEqualTo(PathSignature.of(path(0, 3, 17)));
        assertThat(PathSignature.of(List.of()).text()).isEmpty();
    }
}
