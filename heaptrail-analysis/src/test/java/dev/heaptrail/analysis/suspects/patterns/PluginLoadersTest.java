package dev.heaptrail.analysis.suspects.patterns;

import dev.heaptrail.analysis.suspects.LeakPattern;
import dev.heaptrail.analysis.suspects.LeakSuspect;
import dev.heaptrail.testkit.synthetic.ClassDef;
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

/** A static list of plugin objects, each of its own copy of the plugin class from its own class loader. */
class PluginLoadersTest {

    /** {@code n} plugins; each with its own loader when {@code ownLoaders}, else all of one class. */
    private static void plugins(SyntheticHeap heap, int n, boolean ownLoaders) {
        ClassDef loaderClass = heap.newClass("com.example.PluginLoader", heap.classNamed("java.lang.ClassLoader"));
        ClassDef shared = heap.newClass("com.example.Plugin").field("state", FieldType.OBJECT);
        List<Ref> all = new ArrayList<>();
        for (Ref state : payloads(heap, n, 4_000)) {
            ClassDef type = shared;
            if (ownLoaders) {
                // each copy keeps a cache in a static field, as a plugin's classes do
                type = heap.newClass("com.example.Plugin").field("state", FieldType.OBJECT).loader(heap.instance(loaderClass))
                        .staticField("CACHE", heap.byteArray(new byte[2_000]));
            }
            all.add(heap.instance(type).set("state", state));
        }
        holder(heap, "Host", "PLUGINS", heap.arrayList(all));
    }

    @Test
    void theDuplicatedClassIsNamedAndThePatternIsAClassLoaderLeak() {
        LeakSuspect top = suspects(heap -> plugins(heap, 8, true)).get(0);
        assertThat(top.pattern()).as(top.description()).isSameAs(LeakPattern.CLASS_LOADER);
        assertThat(top.kind()).isEqualTo("java.util.ArrayList");
        assertThat(top.elements()).isEqualTo(8);
        assertThat(top.duplicatedClass()).isNotNull();
        assertThat(top.duplicatedClass().name()).isEqualTo("com.example.Plugin");
        assertThat(top.duplicatedClass().copies()).isEqualTo(8);
        assertThat(top.duplicatedClass().instances()).isEqualTo(8);
        assertThat(top.loaderGroup()).isNull();
    }

    @Test
    void pluginsOfOneClassAreAPlainStaticCollection() {
        assertThat(topFacts(heap -> plugins(heap, 8, false)).duplicatedClass()).isEmpty();
        // 8 plugins of one class are only a large structure; 120 are many similar objects gathered
        assertThat(suspects(heap -> plugins(heap, 8, false)).get(0).pattern()).isSameAs(LeakPattern.LARGE_STRUCTURE);
        LeakSuspect top = suspects(heap -> plugins(heap, 120, false)).get(0);
        assertThat(top.pattern()).isSameAs(LeakPattern.STATIC_COLLECTION);
        assertThat(top.duplicatedClass()).isNull();
    }

    @Test
    void twoCopiesAreNormal() {
        assertThat(new ClassLoaderDetector().matches(topFacts(heap -> plugins(heap, 2, true)))).isFalse();
    }
}
