package dev.heaptrail.heap.graph;

import dev.heaptrail.hprof.BasicType;
import dev.heaptrail.testkit.synthetic.ClassDef;
import dev.heaptrail.testkit.synthetic.FieldType;
import dev.heaptrail.testkit.synthetic.InstanceDef;
import dev.heaptrail.testkit.synthetic.Ref;
import dev.heaptrail.testkit.synthetic.SyntheticHeap;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.heaptrail.heap.graph.SyntheticGraphs.graph;
import static dev.heaptrail.heap.graph.SyntheticGraphs.object;
import static org.assertj.core.api.Assertions.assertThat;

/** Classes through the view: statics, hierarchy, loaders, instances, as the synthetic heap wrote them. */
class HeapClassTest {

    @Test
    void staticFieldsReadBackAsWritten() {
        SyntheticHeap heap = new SyntheticHeap();
        InstanceDef held = heap.instance("java.lang.Object");
        ClassDef base = heap.newClass("com.example.Base").staticField("INHERITED", 1);
        ClassDef config = heap.newClass("com.example.Config", base).staticField("COUNT", 1_234_567_890_123L)
                .staticField("RATIO", 0.5f).staticField("PI", Math.PI).staticField("ON", true).staticField("GRADE", 'B')
                .staticField("SMALL", (short) -2).staticField("TINY", (byte) 9).staticField("LIMIT", -100)
                .staticField("HOLDER", held).staticField("EMPTY", FieldType.OBJECT, null).staticField("NAME", "config");
        HeapGraph g = graph(heap);

        HeapClass c = g.findClass("com.example.Config").orElseThrow();
        assertThat(c.staticField("COUNT").orElseThrow().asLong()).isEqualTo(1_234_567_890_123L);
        assertThat(c.staticField("RATIO").orElseThrow().asFloat()).isEqualTo(0.5f);
        assertThat(c.staticField("PI").orElseThrow().asDouble()).isEqualTo(Math.PI);
        assertThat(c.staticField("ON").orElseThrow().asBoolean()).isTrue();
        assertThat(c.staticField("GRADE").orElseThrow().asChar()).isEqualTo('B');
        assertThat(c.staticField("SMALL").orElseThrow().asShort()).isEqualTo((short) -2);
        assertThat(c.staticField("TINY").orElseThrow().asByte()).isEqualTo((byte) 9);
        assertThat(c.staticField("LIMIT").orElseThrow().asInt()).isEqualTo(-100); // 4-byte statics come zero-extended from the parser
        assertThat(c.staticField("HOLDER").flatMap(HeapValue::asObject)).contains(object(g, held));
        assertThat(c.staticField("EMPTY").orElseThrow().isNull()).isTrue();
        assertThat(c.staticField("NAME").flatMap(HeapValue::asInstance).flatMap(HeapInstance::readString)).contains("config");
        assertThat(c.staticField("INHERITED")).isEmpty(); // declared by the superclass
        assertThat(c.superclass().orElseThrow().staticField("INHERITED").orElseThrow().asInt()).isEqualTo(1);
        assertThat(c.staticFields()).extracting(HeapField::name).containsExactly("COUNT", "RATIO", "PI", "ON", "GRADE",
                "SMALL", "TINY", "LIMIT", "HOLDER", "EMPTY", "NAME");
        assertThat(c.staticFields()).extracting(f -> f.declaringClass().name()).containsOnly("com.example.Config");
        assertThat(c.staticFields().get(0).value().type()).isEqualTo(BasicType.LONG);
    }

    @Test
    void hierarchyLoadersAndCopiesOfAClass() {
        SyntheticHeap heap = new SyntheticHeap();
        ClassDef loaderClass = heap.newClass("com.example.PluginLoader", heap.classNamed("java.lang.ClassLoader"));
        InstanceDef loader1 = heap.instance(loaderClass).set("name", "one");
        InstanceDef loader2 = heap.instance(loaderClass).set("name", "two");
        ClassDef plugin1 = heap.newClass("com.example.Plugin").field("id", FieldType.INT).loader(loader1);
        ClassDef plugin2 = heap.newClass("com.example.Plugin").field("id", FieldType.INT).loader(loader2);
        heap.stickyClass(plugin1);
        heap.stickyClass(plugin2);
        HeapGraph g = graph(heap);

        List<HeapClass> copies = g.classesNamed("com.example.Plugin");
        assertThat(copies).hasSize(2);
        assertThat(copies).extracting(HeapClass::address).containsExactly(plugin1.id(), plugin2.id());
        assertThat(copies).extracting(c -> c.classLoader().orElseThrow()).containsExactly(
                object(g, loader1).asInstance().orElseThrow(), object(g, loader2).asInstance().orElseThrow());
        assertThat(g.findClass("com.example.Plugin")).contains(copies.get(0));
        assertThat(copies.get(0).classLoader().orElseThrow().instanceOf("java.lang.ClassLoader")).isTrue();
        assertThat(g.findClass("com.example.PluginLoader").orElseThrow().classLoader()).isEmpty(); // the boot loader
        assertThat(copies.get(0).instanceFieldNames()).containsExactly("id");
        assertThat(g.findClass("java.lang.ClassLoader").orElseThrow().instanceFieldNames()).contains("parent", "classes");

        HeapClass pluginLoader = g.findClass("com.example.PluginLoader").orElseThrow();
        assertThat(pluginLoader.isSubclassOf("java.lang.ClassLoader")).isTrue();
        assertThat(pluginLoader.isSubclassOf(pluginLoader)).isTrue();
        assertThat(g.findClass("java.lang.ClassLoader").orElseThrow().isSubclassOf(pluginLoader)).isFalse();
        assertThat(g.findClass("java.lang.Object").orElseThrow().superclass()).isEmpty();
        assertThat(g.findClass("com.example.Missing")).isEmpty();
        assertThat(g.classesNamed("com.example.Missing")).isEmpty();
    }

    @Test
    void instancesAreTheObjectsOfExactlyThatClass() {
        SyntheticHeap heap = new SyntheticHeap();
        ClassDef node = heap.newClass("com.example.Node").field("next", FieldType.OBJECT);
        ClassDef special = heap.newClass("com.example.SpecialNode", node);
        List<Ref> nodes = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            nodes.add(heap.instance(node));
        }
        Ref one = heap.instance(special);
        heap.byteArray(new byte[3]);
        heap.string("x"); // and its byte[]
        HeapGraph g = graph(heap);

        HeapClass nodeClass = g.findClass("com.example.Node").orElseThrow();
        assertThat(nodeClass.instanceCount()).isEqualTo(7);
        assertThat(nodeClass.instances()).extracting(HeapObject::address)
                .containsExactlyElementsOf(nodes.stream().map(Ref::id).toList());
        assertThat(g.findClass("com.example.SpecialNode").orElseThrow().instances()).extracting(HeapObject::address)
                .containsExactly(one.id());
        assertThat(g.findClass("byte[]").orElseThrow().instanceCount()).isEqualTo(2);
        HeapClass classClass = g.findClass("java.lang.Class").orElseThrow();
        assertThat(classClass.instanceCount()).isEqualTo(heap.counts().get("java.lang.Class").longValue());
        assertThat(classClass.instances()).allMatch(o -> o instanceof HeapClass);

        HeapObject nodeClassObject = g.object(nodeClass.number());
        assertThat(nodeClassObject).isEqualTo(nodeClass);
        assertThat(nodeClass.className()).isEqualTo("java.lang.Class");
        assertThat(nodeClass.heapClass()).isEqualTo(classClass);
        assertThat(nodeClass.address()).isEqualTo(node.id());
        assertThat(g.object(nodeClass.number()).address()).isEqualTo(node.id());
    }
}
