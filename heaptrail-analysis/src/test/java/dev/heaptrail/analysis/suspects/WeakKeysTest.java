package dev.heaptrail.analysis.suspects;

import dev.heaptrail.analysis.HeapAnalysis;
import dev.heaptrail.analysis.suspects.patterns.WeakKeysHeldByValuesDetector;
import dev.heaptrail.testkit.WeakKeys;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A WeakHashMap whose values hold their keys, built in a child JVM, beside one whose keys are held elsewhere. */
class WeakKeysTest {

    @Test
    void valuesThatHoldTheirKeysAreNamedAndKeysHeldElsewhereAreNot() throws Exception {
        HeapAnalysis analysis = LeakScenariosTest.analysis("weak-keys");
        List<LeakSuspect> suspects = LeakSuspects.find(analysis, 10, 5);

        LeakSuspect registry = byField(suspects, "REGISTRY");
        assertThat(registry.pattern()).as(registry.description()).isEqualTo(LeakPattern.WEAK_KEYS_HELD_BY_VALUES);
        assertThat(registry.shape().leakLike()).isTrue();
        assertThat(registry.kind()).isEqualTo("java.util.WeakHashMap");
        assertThat(registry.elements()).isEqualTo(WeakKeys.REGISTERED);
        assertThat(registry.dominantClass()).isEqualTo(WeakKeys.Metadata.class.getName());
        assertThat(registry.dominantInstances()).isEqualTo(WeakKeys.REGISTERED);
        // the keys: only the values hold them, so the map retains every one
        assertThat(registry.retainedBytes()).isGreaterThan(WeakKeys.REGISTERED * 2_000L);
        assertThat(suspects.get(0)).isSameAs(registry);

        LeakSuspect cache = byField(suspects, "CACHE");
        assertThat(cache.kind()).isEqualTo("java.util.WeakHashMap");
        assertThat(cache.elements()).isEqualTo(WeakKeys.CACHED);
        assertThat(cache.pattern()).as(cache.description()).isEqualTo(LeakPattern.STATIC_COLLECTION);
        assertThat(new WeakKeysHeldByValuesDetector().pattern()).isSameAs(LeakPattern.WEAK_KEYS_HELD_BY_VALUES);
    }

    private static LeakSuspect byField(List<LeakSuspect> suspects, String field) {
        return suspects.stream().filter(s -> field.equals(s.path().get(s.path().size() - 1).field())).findFirst()
                .orElseThrow(() -> new AssertionError("no suspect under ." + field + " in " + suspects.stream().map(LeakSuspect::description).toList()));
    }
}
