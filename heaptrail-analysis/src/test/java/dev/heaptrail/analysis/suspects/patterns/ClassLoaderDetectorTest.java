package dev.heaptrail.analysis.suspects.patterns;

import dev.heaptrail.analysis.suspects.LeakPattern;
import dev.heaptrail.analysis.suspects.LeakSuspect;
import dev.heaptrail.testkit.synthetic.ClassDef;
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

class ClassLoaderDetectorTest {

    private final ClassLoaderDetector detector = new ClassLoaderDetector();

    @Test
    void aStaticListOfClassLoaders() {
        LeakSuspect top = suspects(heap -> {
            ClassDef loaderClass = heap.newClass("com.example.PluginLoader", heap.classNamed("java.lang.ClassLoader"))
                    .field("cache", FieldType.OBJECT);
            List<Ref> loaders = new ArrayList<>();
            for (Ref cache : payloads(heap, 6, 5_000)) {
                loaders.add(heap.instance(loaderClass).set("cache", cache));
            }
            holder(heap, "Plugins", "LOADERS", heap.arrayList(loaders));
        }).get(0);
        assertThat(top.pattern()).as(top.description()).isSameAs(LeakPattern.CLASS_LOADER);
        assertThat(top.dominantClass()).isEqualTo("com.example.PluginLoader");
        assertThat(top.dominantInstances()).isEqualTo(6);
    }

    @Test
    void aListOfOtherObjectsIsNot() {
        assertThat(detector.matches(topFacts(heap -> {
            heap.newClass("com.example.Plugin").field("cache", FieldType.OBJECT);
            List<Ref> plugins = new ArrayList<>();
            for (Ref cache : payloads(heap, 6, 5_000)) {
                plugins.add(heap.instance("com.example.Plugin").set("cache", cache));
            }
            holder(heap, "Plugins", "ALL", heap.arrayList(plugins));
        }))).isFalse();
    }
}
