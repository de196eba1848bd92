package dev.heaptrail.heap.graph;

import dev.heaptrail.testkit.synthetic.InstanceDef;
import dev.heaptrail.testkit.synthetic.Ref;
import dev.heaptrail.testkit.synthetic.SyntheticHeap;
import dev.heaptrail.testkit.synthetic.ThreadDef;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.heaptrail.heap.graph.SyntheticGraphs.graph;
import static dev.heaptrail.heap.graph.SyntheticGraphs.instance;
import static dev.heaptrail.heap.graph.SyntheticGraphs.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The synthetic heap's JDK collections read through the view as a detector would walk them: a
 * HashMap's table, bins and chains in the order the JDK's own HashMap keeps them.
 */
class JdkStructuresTest {

    @Test
    void aHashMapHasTheJdksTableAndOrder() {
        SyntheticHeap heap = new SyntheticHeap();
        Map<String, String> written = new LinkedHashMap<>();
        Map<Ref, Ref> entries = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            written.put("key-" + i, "value-" + i);
            entries.put(heap.string("key-" + i), heap.string("value-" + i));
        }
        InstanceDef map = heap.hashMap(entries);
        InstanceDef empty = heap.hashMap(Map.of());
        HeapGraph g = graph(heap);

        HeapInstance m = instance(g, map);
        assertThat(m.field("size").orElseThrow().asInt()).isEqualTo(40);
        assertThat(m.field("threshold").orElseThrow().asInt()).isEqualTo(48);
        assertThat(m.field("loadFactor").orElseThrow().asFloat()).isEqualTo(0.75f);
        HeapObjectArray table = m.fieldObject("table").flatMap(HeapObject::asObjectArray).orElseThrow();
        assertThat(table.className()).isEqualTo("java.util.HashMap$Node[]");
        assertThat(table.length()).isEqualTo(64);
        Map<String, String> read = new LinkedHashMap<>();
        for (int bin = 0; bin < table.length(); bin++) {
            for (HeapInstance node = table.element(bin).flatMap(HeapObject::asInstance).orElse(null); node != null;
                 node = node.fieldObject("next").flatMap(HeapObject::asInstance).orElse(null)) {
                String key = text(node, "key");
                int hash = node.field("hash").orElseThrow().asInt();
                assertThat(hash).isEqualTo(key.hashCode() ^ key.hashCode() >>> 16);
                assertThat(hash & 63).as(key).isEqualTo(bin);
                read.put(key, text(node, "value"));
            }
        }
        assertThat(read).isEqualTo(written);
        // the same keys in the order the JDK's HashMap (sized alike: 64 bins) iterates them
        assertThat(new ArrayList<>(read.keySet())).isEqualTo(new ArrayList<>(new HashMap<>(written).keySet()));
        assertThat(instance(g, empty).fieldObject("table")).isEmpty();
        assertThat(instance(g, empty).field("size").orElseThrow().asInt()).isZero();
    }

    @Test
    void anArrayListAndAHashSet() {
        SyntheticHeap heap = new SyntheticHeap();
        List<Ref> elements = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            elements.add(heap.box(i));
        }
        InstanceDef list = heap.arrayList(elements);
        InstanceDef set = heap.hashSet(elements.subList(0, 3));
        HeapGraph g = graph(heap);

        HeapInstance l = instance(g, list);
        assertThat(l.field("size").orElseThrow().asInt()).isEqualTo(11);
        HeapObjectArray data = l.fieldObject("elementData").flatMap(HeapObject::asObjectArray).orElseThrow();
        assertThat(data.length()).isEqualTo(15); // 10, then grown by half
        assertThat(data.elements()).extracting(o -> ((HeapInstance) o).boxedValue().orElseThrow().asInt())
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        HeapInstance backing = instance(g, set).fieldObject("map").flatMap(HeapObject::asInstance).orElseThrow();
        assertThat(backing.className()).isEqualTo("java.util.HashMap");
        assertThat(backing.field("size").orElseThrow().asInt()).isEqualTo(3);
        assertThat(instance(g, set).heapClass().staticField("PRESENT").flatMap(HeapValue::asObject)).isPresent();
    }

    @Test
    void threadLocalValuesSitWhereTheirHashChooses() {
        SyntheticHeap heap = new SyntheticHeap();
        InstanceDef first = heap.threadLocal();
        InstanceDef second = heap.threadLocal();
        InstanceDef buffer = heap.string("buffer");
        InstanceDef session = heap.string("session");
        Map<Ref, Ref> values = new LinkedHashMap<>();
        values.put(first, buffer);
        values.put(second, session);
        ThreadDef worker = heap.thread("pool-1-thread-1").threadLocals(values);
        HeapGraph g = graph(heap);

        HeapInstance map = instance(g, worker).fieldObject("threadLocals").flatMap(HeapObject::asInstance).orElseThrow();
        assertThat(map.className()).isEqualTo("java.lang.ThreadLocal$ThreadLocalMap");
        assertThat(map.field("size").orElseThrow().asInt()).isEqualTo(2);
        HeapObjectArray table = map.fieldObject("table").flatMap(HeapObject::asObjectArray).orElseThrow();
        Map<HeapObject, HeapObject> read = new HashMap<>();
        for (int slot = 0; slot < table.length(); slot++) {
            HeapInstance entry = table.element(slot).flatMap(HeapObject::asInstance).orElse(null);
            if (entry != null) {
                assertThat(entry.instanceOf("java.lang.ref.WeakReference")).isTrue();
                HeapInstance local = entry.fieldObject("referent").flatMap(HeapObject::asInstance).orElseThrow();
                assertThat(local.field("threadLocalHashCode").orElseThrow().asInt() & (table.length() - 1)).isEqualTo(slot);
                read.put(local, entry.fieldObject("value").orElseThrow());
            }
        }
        assertThat(read).containsExactlyInAnyOrderEntriesOf(Map.of(object(g, first), object(g, buffer),
                object(g, second), object(g, session)));
    }

    private static String text(HeapInstance node, String field) {
        return node.fieldObject(field).flatMap(HeapObject::asInstance).flatMap(HeapInstance::readString).orElseThrow();
    }
}
