package dev.heaptrail.analysis.suspects;

import dev.heaptrail.analysis.HeapAnalysis;
import dev.heaptrail.heap.graph.HeapGraph;
import dev.heaptrail.heap.graph.HeapObject;
import dev.heaptrail.heap.index.HeapIndexBuilder;
import dev.heaptrail.hprof.ReadProgress;
import dev.heaptrail.testkit.Jdks;
import dev.heaptrail.testkit.KnownHeapDump;
import dev.heaptrail.testkit.LeakScenarios;
import dev.heaptrail.testkit.synthetic.FieldType;
import dev.heaptrail.testkit.synthetic.Ref;
import dev.heaptrail.testkit.synthetic.SyntheticHeap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Element counts of the JDK's collections as a real JDK lays them out, the concurrent ones included. */
class ElementCountsTest {

    private static HeapGraph graph;

    @BeforeAll
    static void dump() throws Exception {
        Path dump = KnownHeapDump.create(Jdks.current(), List.of("-Xmx128m"), Path.of("target", "dumps", "jdk-collections"), false,
                LeakScenarios.class, "jdk-collections").dump();
        graph = HeapGraph.of(HeapAnalysis.of(HeapIndexBuilder.build(dump, ReadProgress.NONE)).index());
    }

    private static long count(String field) {
        HeapObject o = graph.findClass(LeakScenarios.JdkCollections.class.getName()).orElseThrow()
                .staticField(field).orElseThrow().asObject().orElseThrow();
        return ElementCounts.of(o);
    }

    @Test
    void concurrentCollections() {
        assertThat(count("CONCURRENT_MAP")).isEqualTo(4_000);
        assertThat(count("SKIP_LIST")).isEqualTo(4_000);
        assertThat(count("COPY_ON_WRITE")).isEqualTo(300);
        assertThat(count("COPY_ON_WRITE_SET")).isEqualTo(70);
        assertThat(count("BLOCKING_QUEUE")).isEqualTo(300);
        assertThat(count("KEY_SET")).isEqualTo(300);
    }

    @Test
    void aWrappedMapAndARing() {
        assertThat(count("SYNCHRONIZED")).isEqualTo(300);
        assertThat(count("DEQUE")).isEqualTo(99);
    }

    /** The object a synthetic heap's com.example.Holder.FIELD holds. */
    private static HeapObject held(java.util.function.Function<SyntheticHeap, Ref> build) {
        HeapAnalysis a = SyntheticSuspects.analysis(heap -> heap.newClass("com.example.Holder").staticField("FIELD", build.apply(heap)));
        return HeapGraph.of(a.index()).findClass("com.example.Holder").orElseThrow()
                .staticField("FIELD").orElseThrow().asObject().orElseThrow();
    }

    @Test
    void anObjectWithALongCountIsNoCollection() {
        assertThat(ElementCounts.of(held(heap -> heap.instance(heap.newClass("com.example.Thing").field("count", FieldType.LONG))
                .set("count", 3L)))).isEqualTo(-1);
    }

    @Test
    void aHashSetCountsItsMapAndAnArrayItsSlots() {
        assertThat(ElementCounts.of(held(heap -> heap.hashSet(List.of(heap.box(1), heap.box(2), heap.box(3)))))).isEqualTo(3);
        assertThat(ElementCounts.of(held(heap -> heap.objectArray(heap.box(1), null, null, null)))).isEqualTo(4);
    }
}
