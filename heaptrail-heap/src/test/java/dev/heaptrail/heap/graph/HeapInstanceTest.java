package dev.heaptrail.heap.graph;

import dev.heaptrail.hprof.BasicType;
import dev.heaptrail.testkit.synthetic.ClassDef;
import dev.heaptrail.testkit.synthetic.FieldType;
import dev.heaptrail.testkit.synthetic.InstanceDef;
import dev.heaptrail.testkit.synthetic.SyntheticHeap;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.heaptrail.heap.graph.SyntheticGraphs.graph;
import static dev.heaptrail.heap.graph.SyntheticGraphs.instance;
import static dev.heaptrail.heap.graph.SyntheticGraphs.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Fields of instances read by name through the view equal what the synthetic heap wrote. */
class HeapInstanceTest {

    @Test
    void everyFieldTypeReadsBackAsWritten() {
        SyntheticHeap heap = new SyntheticHeap();
        ClassDef all = heap.newClass("com.example.AllTypes").field("z", FieldType.BOOLEAN).field("b", FieldType.BYTE)
                .field("c", FieldType.CHAR).field("s", FieldType.SHORT).field("i", FieldType.INT).field("j", FieldType.LONG)
                .field("f", FieldType.FLOAT).field("d", FieldType.DOUBLE).field("ref", FieldType.OBJECT)
                .field("none", FieldType.OBJECT);
        InstanceDef target = heap.instance("java.lang.Object");
        InstanceDef low = heap.instance(all).set("z", false).set("b", Byte.MIN_VALUE).set("c", '\u0000')
                .set("s", Short.MIN_VALUE).set("i", Integer.MIN_VALUE).set("j", Long.MIN_VALUE).set("f", -1.5f)
                .set("d", Double.NEGATIVE_INFINITY).set("ref", target);
        InstanceDef high = heap.instance(all).set("z", true).set("b", Byte.MAX_VALUE).set("c", '\uffff')
                .set("s", Short.MAX_VALUE).set("i", Integer.MAX_VALUE).set("j", Long.MAX_VALUE).set("f", Float.MAX_VALUE)
                .set("d", 2.5e-300).set("ref", low);
        HeapGraph g = graph(heap);

        HeapInstance l = instance(g, low);
        assertThat(l.field("z").orElseThrow().asBoolean()).isFalse();
        assertThat(l.field("b").orElseThrow().asByte()).isEqualTo(Byte.MIN_VALUE);
        assertThat(l.field("c").orElseThrow().asChar()).isEqualTo('\u0000');
        assertThat(l.field("s").orElseThrow().asShort()).isEqualTo(Short.MIN_VALUE);
        assertThat(l.field("i").orElseThrow().asInt()).isEqualTo(Integer.MIN_VALUE);
        assertThat(l.field("j").orElseThrow().asLong()).isEqualTo(Long.MIN_VALUE);
        assertThat(l.field("f").orElseThrow().asFloat()).isEqualTo(-1.5f);
        assertThat(l.field("d").orElseThrow().asDouble()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(l.fieldObject("ref")).contains(object(g, target));

        HeapInstance h = instance(g, high);
        assertThat(h.field("z").orElseThrow().asBoolean()).isTrue();
        assertThat(h.field("b").orElseThrow().asByte()).isEqualTo(Byte.MAX_VALUE);
        assertThat(h.field("c").orElseThrow().asChar()).isEqualTo('\uffff');
        assertThat(h.field("c").orElseThrow().asInt()).isEqualTo(0xffff); // a char widens unsigned
        assertThat(h.field("s").orElseThrow().asShort()).isEqualTo(Short.MAX_VALUE);
        assertThat(h.field("i").orElseThrow().asInt()).isEqualTo(Integer.MAX_VALUE);
        assertThat(h.field("i").orElseThrow().asLong()).isEqualTo(Integer.MAX_VALUE);
        assertThat(h.field("j").orElseThrow().asLong()).isEqualTo(Long.MAX_VALUE);
        assertThat(h.field("f").orElseThrow().asFloat()).isEqualTo(Float.MAX_VALUE);
        assertThat(h.field("d").orElseThrow().asDouble()).isEqualTo(2.5e-300);
        assertThat(h.fieldObject("ref")).contains(object(g, low));

        assertThat(h.fields()).extracting(f -> f.value().type()).containsExactly(BasicType.OBJECT, BasicType.OBJECT,
                BasicType.DOUBLE, BasicType.FLOAT, BasicType.LONG, BasicType.INT, BasicType.SHORT, BasicType.CHAR,
                BasicType.BYTE, BasicType.BOOLEAN); // the dump's order: the last declared first
        HeapValue none = h.field("none").orElseThrow();
        assertThat(none.isReference()).isTrue();
        assertThat(none.isNull()).isTrue();
        assertThat(none.asObject()).isEmpty();
        assertThat(h.fieldObject("none")).isEmpty();
        assertThat(h.field("missing")).isEmpty();
        assertThatThrownBy(() -> h.field("j").orElseThrow().asInt()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("long");
        assertThatThrownBy(() -> h.field("ref").orElseThrow().asLong()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("reference");
    }

    /** C extends B extends A; A and C each declare "name". */
    @Test
    void inheritedAndShadowedFieldsAcrossThreeLevels() {
        SyntheticHeap heap = new SyntheticHeap();
        ClassDef a = heap.newClass("com.example.A").field("name", FieldType.OBJECT).field("a", FieldType.INT);
        ClassDef b = heap.newClass("com.example.B", a).field("b", FieldType.LONG);
        ClassDef c = heap.newClass("com.example.C", b).field("name", FieldType.OBJECT).field("c", FieldType.SHORT);
        InstanceDef x = heap.instance(c).set("name", "from C").set("com.example.A", "name", "from A").set("a", 1)
                .set("b", 2L).set("c", (short) 3);
        InstanceDef y = heap.instance(b).set("name", "a B").set("b", -7L);
        HeapGraph g = graph(heap);

        HeapInstance cx = instance(g, x);
        assertThat(cx.className()).isEqualTo("com.example.C");
        assertThat(text(cx.field("name"))).isEqualTo("from C");
        assertThat(text(cx.field("com.example.A.name"))).isEqualTo("from A");
        assertThat(text(cx.field("A.name"))).isEqualTo("from A");
        assertThat(text(cx.field("com.example.A", "name"))).isEqualTo("from A");
        assertThat(text(cx.field("C", "name"))).isEqualTo("from C");
        assertThat(cx.field("B", "name")).isEmpty(); // B declares no "name"
        assertThat(cx.field("a").orElseThrow().asInt()).isEqualTo(1);
        assertThat(cx.field("b").orElseThrow().asLong()).isEqualTo(2L);
        assertThat(cx.field("c").orElseThrow().asShort()).isEqualTo((short) 3);
        assertThat(cx.fields()).extracting(f -> f.declaringClass().name() + "." + f.name()).containsExactly(
                "com.example.C.c", "com.example.C.name", "com.example.B.b", "com.example.A.a", "com.example.A.name");

        for (String name : List.of("com.example.A", "com.example.B", "com.example.C", "java.lang.Object")) {
            assertThat(cx.instanceOf(name)).as(name).isTrue();
            assertThat(cx.instanceOf(g.findClass(name).orElseThrow())).as(name).isTrue();
        }
        assertThat(cx.instanceOf("java.lang.String")).isFalse();
        assertThat(cx.heapClass().superclasses()).extracting(HeapClass::name)
                .containsExactly("com.example.B", "com.example.A", "java.lang.Object");

        HeapInstance by = instance(g, y);
        assertThat(by.instanceOf("com.example.A")).isTrue();
        assertThat(by.instanceOf("com.example.C")).isFalse();
        assertThat(by.instanceOf(g.findClass("com.example.C").orElseThrow())).isFalse();
        assertThat(text(by.field("name"))).isEqualTo("a B");
        assertThat(by.field("b").orElseThrow().asLong()).isEqualTo(-7L);
        assertThat(by.field("a").orElseThrow().asInt()).isZero(); // never set
    }

    @Test
    void boxedPrimitivesGiveTheirValues() {
        SyntheticHeap heap = new SyntheticHeap();
        List<Object> values = List.of(42, -7L, (short) 3, (byte) -4, 'x', true, 1.25f, 2.5d);
        List<InstanceDef> boxes = values.stream().map(heap::box).toList();
        InstanceDef plain = heap.instance("java.lang.Object");
        HeapGraph g = graph(heap);

        List<Object> read = boxes.stream().map(b -> {
            HeapInstance box = instance(g, b);
            HeapValue v = box.boxedValue().orElseThrow();
            return switch (box.className()) {
                case "java.lang.Integer" -> (Object) v.asInt();
                case "java.lang.Long" -> v.asLong();
                case "java.lang.Short" -> v.asShort();
                case "java.lang.Byte" -> v.asByte();
                case "java.lang.Character" -> v.asChar();
                case "java.lang.Boolean" -> v.asBoolean();
                case "java.lang.Float" -> v.asFloat();
                default -> v.asDouble();
            };
        }).toList();
        assertThat(read).isEqualTo(values);
        assertThat(instance(g, boxes.get(0)).instanceOf("java.lang.Number")).isTrue();
        assertThat(instance(g, plain).boxedValue()).isEmpty();
    }

    private static String text(java.util.Optional<HeapValue> value) {
        return value.flatMap(HeapValue::asInstance).flatMap(HeapInstance::readString).orElseThrow();
    }
}
