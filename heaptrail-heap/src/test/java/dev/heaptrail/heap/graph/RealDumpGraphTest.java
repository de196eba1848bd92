package dev.heaptrail.heap.graph;

import dev.heaptrail.heap.index.HeapIndexBuilder;
import dev.heaptrail.hprof.HeapTag;
import dev.heaptrail.hprof.ReadProgress;
import dev.heaptrail.testkit.Jdks;
import dev.heaptrail.testkit.KnownHeap;
import dev.heaptrail.testkit.KnownHeapDump;
import dev.heaptrail.testkit.synthetic.SyntheticHeap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The object view on a dump a real JVM wrote ({@link KnownHeap}, JDK 17): what it reads equals what
 * the child JVM built, through the JDK's own HashMap, ArrayList and String internals.
 */
class RealDumpGraphTest {

    private static final String KNOWN = KnownHeap.class.getName();
    private static HeapGraph graph;

    @BeforeAll
    static void dump() throws Exception {
        KnownHeapDump.Result dumped = KnownHeapDump.create(Jdks.current(), List.of("-Xmx256m"),
                Path.of("target", "dumps", "graph-jdk17"), false);
        graph = HeapGraph.of(HeapIndexBuilder.build(dumped.dump(), ReadProgress.NONE));
    }

    @Test
    void aStaticHashMapOfStringKeys() {
        HeapClass session = graph.findClass(KNOWN + "$Session").orElseThrow();
        assertThat(session.staticField("created").orElseThrow().asLong()).isEqualTo(1021);
        HeapInstance store = session.staticField("STORE").flatMap(HeapValue::asInstance).orElseThrow();
        assertThat(store.className()).isEqualTo("java.util.HashMap");
        assertThat(store.field("size").orElseThrow().asInt()).isEqualTo(1021);
        HeapObjectArray table = store.fieldObject("table").flatMap(HeapObject::asObjectArray).orElseThrow();
        assertThat(table.length()).isEqualTo(2048); // 1021 entries: over 3/4 of 1024 bins
        Set<String> keys = new HashSet<>();
        table.elements().forEach(bin -> {
            for (HeapInstance node = bin.asInstance().orElseThrow(); node != null;
                 node = node.fieldObject("next").flatMap(HeapObject::asInstance).orElse(null)) {
                HeapInstance key = node.fieldObject("key").flatMap(HeapObject::asInstance).orElseThrow();
                HeapInstance value = node.fieldObject("value").flatMap(HeapObject::asInstance).orElseThrow();
                String text = key.readString().orElseThrow();
                keys.add(text);
                assertThat(value.className()).isEqualTo(KNOWN + "$Session");
                assertThat(value.fieldObject("id")).contains(key); // the same String object
                int i = Integer.parseInt(text.substring("session-".length()));
                assertThat(value.fieldObject("payload").flatMap(HeapObject::asPrimitiveArray).orElseThrow().length())
                        .isEqualTo(i % 97);
            }
        });
        assertThat(keys).isEqualTo(IntStream.range(0, 1021).mapToObj(i -> "session-" + i).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void theKeptListItsNodesAndArrays() {
        HeapClass known = graph.findClass(KNOWN).orElseThrow();
        HeapInstance keep = known.staticField("KEEP").flatMap(HeapValue::asInstance).orElseThrow();
        assertThat(keep.className()).isEqualTo("java.util.ArrayList");
        int size = keep.field("size").orElseThrow().asInt();
        assertThat(size).isEqualTo(KnownHeap.KEEP_SIZE);
        HeapObjectArray data = keep.fieldObject("elementData").flatMap(HeapObject::asObjectArray).orElseThrow();
        assertThat(data.length()).isGreaterThanOrEqualTo(size);
        List<HeapObject> kept = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            kept.add(data.element(i).orElseThrow());
        }
        // KEEP[0]: the last of 1001 nodes, each holding the one made before
        HeapInstance node = kept.get(0).asInstance().orElseThrow();
        for (long id = 1000; id >= 0; id--) {
            assertThat(node.field("id").orElseThrow().asLong()).isEqualTo(id);
            node = node.fieldObject("next").flatMap(HeapObject::asInstance).orElse(null);
        }
        assertThat(node).isNull();
        // then 1003 Mixed named "mixed-i", 1007 OnlyBoolean, 1009 SubFillsGap
        for (int i : new int[] {0, 1, 500, 1002}) {
            HeapInstance mixed = kept.get(1 + i).asInstance().orElseThrow();
            assertThat(mixed.className()).isEqualTo(KNOWN + "$Mixed");
            assertThat(mixed.fieldObject("name").flatMap(HeapObject::asInstance).flatMap(HeapInstance::readString))
                    .contains("mixed-" + i);
            assertThat(mixed.fieldObject("ref")).isEmpty();
        }
        HeapInstance sub = kept.get(1 + 1003 + 1007).asInstance().orElseThrow();
        assertThat(sub.instanceOf(KNOWN + "$BaseWithLong")).isTrue();
        assertThat(sub.fields()).extracting(f -> f.declaringClass().name().substring(KNOWN.length()) + "." + f.name())
                .containsExactly("$SubFillsGap.r", "$SubFillsGap.c", "$SubFillsGap.b", "$BaseWithLong.a");
        HeapInstance inner = kept.get(1 + 1003 + 1007 + 1009 + 1013).asInstance().orElseThrow();
        assertThat(inner.field("value").orElseThrow().asInt()).isEqualTo(7);
        assertThat(inner.fieldObject("this$0").orElseThrow().className()).isEqualTo(KNOWN);
        // after the map, 64 byte[]s of 65,536 + i bytes, then arrays of each type of lengths 0..299
        int bytesAt = 1 + 1003 + 1007 + 1009 + 1013 + 1019 + 1;
        for (int i = 0; i < 64; i++) {
            HeapPrimitiveArray bytes = kept.get(bytesAt + i).asPrimitiveArray().orElseThrow();
            assertThat(bytes.className()).isEqualTo("byte[]");
            assertThat(bytes.length()).isEqualTo(65_536 + i);
        }
        for (int len = 0; len < 300; len += 37) {
            int at = bytesAt + 64 + 10 * len;
            assertThat(kept.get(at).asPrimitiveArray().orElseThrow().ints(1_000)).isEqualTo(new int[len]);
            assertThat(kept.get(at + 1).className()).isEqualTo("long[]");
            assertThat(kept.get(at + 7).asObjectArray().orElseThrow().length()).isEqualTo(len);
            assertThat(kept.get(at + 8).className()).isEqualTo("java.lang.String[]");
            assertThat(kept.get(at + 9).className()).isEqualTo("int[][]");
        }
        HeapObject a4 = graph.findClass(KNOWN + "$ManyStatics").orElseThrow().staticField("a4").flatMap(HeapValue::asObject)
                .orElseThrow();
        assertThat(kept.get(size - 1)).isEqualTo(a4);
        assertThat(a4.referrers()).extracting(HeapReference::name).contains("a4", "[" + (size - 1) + "]");
    }

    /** The testkit's synthetic heaps declare the JDK classes as this JDK's dumps do: same fields, same order, same superclass. */
    @Test
    void theSyntheticHeapsJdkClassesMatchARealDump() {
        List<String> names = List.of("java.lang.String", "java.lang.Class", "java.lang.ClassLoader", "java.lang.Thread",
                "java.lang.ThreadLocal", "java.lang.ThreadLocal$ThreadLocalMap", "java.lang.ThreadLocal$ThreadLocalMap$Entry",
                "java.lang.ref.Reference", "java.lang.ref.WeakReference", "java.lang.ref.SoftReference", "java.lang.Integer",
                "java.lang.Long", "java.lang.Short", "java.lang.Byte", "java.lang.Character", "java.lang.Boolean",
                "java.lang.Float", "java.lang.Double", "java.util.AbstractMap", "java.util.HashMap", "java.util.HashMap$Node",
                "java.util.AbstractCollection", "java.util.AbstractSet", "java.util.HashSet", "java.util.AbstractList",
                "java.util.ArrayList");
        SyntheticHeap heap = new SyntheticHeap();
        names.forEach(heap::classNamed);
        HeapGraph synthetic = SyntheticGraphs.graph(heap);
        List<String> absent = new ArrayList<>();
        for (String name : names) {
            HeapClass ours = synthetic.findClass(name).orElseThrow();
            HeapClass real = graph.findClass(name).orElse(null);
            if (real == null) {
                absent.add(name);
                continue;
            }
            assertThat(ours.instanceFieldNames()).as(name).isEqualTo(real.instanceFieldNames());
            assertThat(ours.superclass().map(HeapClass::name)).as(name).isEqualTo(real.superclass().map(HeapClass::name));
        }
        assertThat(absent).as("classes this JVM never loaded").hasSizeLessThan(4);
    }

    @Test
    void softReferentsThreadsAndRoots() {
        HeapInstance soft = graph.findClass(KNOWN).orElseThrow().staticField("SOFT").flatMap(HeapValue::asInstance).orElseThrow();
        assertThat(soft.instanceOf("java.lang.ref.Reference")).isTrue();
        assertThat(soft.fieldObject("referent").flatMap(HeapObject::asPrimitiveArray).orElseThrow().length())
                .isEqualTo(KnownHeap.SOFT_ARRAY_LENGTH);
        assertThat(soft.referents()).extracting(HeapReference::name).doesNotContain("referent");
        List<String> threads = graph.gcRoots().stream().filter(r -> r.kind() == HeapTag.ROOT_THREAD_OBJECT)
                .map(r -> r.object().asInstance().flatMap(t -> t.fieldObject("name")).flatMap(HeapObject::asInstance)
                        .flatMap(HeapInstance::readString).orElse("?"))
                .toList();
        assertThat(threads).contains("main");
        assertThat(graph.gcRoots()).filteredOn(r -> r.kind() == HeapTag.ROOT_JAVA_FRAME)
                .anySatisfy(r -> assertThat(r.frame().orElse("")).startsWith(KNOWN + ".main("));
    }
}
