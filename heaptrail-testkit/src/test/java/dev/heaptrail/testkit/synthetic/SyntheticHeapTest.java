package dev.heaptrail.testkit.synthetic;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The synthetic heap as the bytes it writes and the structures it builds; that heaptrail reads
 * them back is tested in heaptrail-heap, which this module may not depend on.
 */
class SyntheticHeapTest {

    @Test
    void writesTheRecordsOfAHotSpotDumpTheSameEachTime() {
        byte[] first = SyntheticHeap.bytes(SyntheticHeapTest::smallHeap);
        assertThat(SyntheticHeap.bytes(SyntheticHeapTest::smallHeap)).isEqualTo(first);
        ByteBuffer b = ByteBuffer.wrap(first);
        byte[] header = new byte[18];
        b.get(header);
        assertThat(new String(header, StandardCharsets.US_ASCII)).isEqualTo("JAVA PROFILE 1.0.2");
        assertThat(b.get()).isZero();
        assertThat(b.getInt()).isEqualTo(8);
        b.getLong();
        List<Integer> tags = new ArrayList<>();
        while (b.hasRemaining()) {
            tags.add(b.get() & 0xff);
            b.getInt(); // time
            int length = b.getInt();
            b.position(b.position() + length);
        }
        // the names, a class each (Object, Class, String, byte[], Node, the frame's Worker), two traces, a frame, the heap
        assertThat(tags.subList(0, tags.indexOf(0x02))).containsOnly(0x01);
        assertThat(Collections.frequency(tags, 0x02)).isEqualTo(6);
        assertThat(Collections.frequency(tags, 0x04)).isEqualTo(1);
        assertThat(Collections.frequency(tags, 0x05)).isEqualTo(2);
        assertThat(tags.subList(tags.size() - 2, tags.size())).containsExactly(0x1C, 0x2C);
    }

    private static void smallHeap(SyntheticHeap heap) {
        ClassDef node = heap.newClass("com.example.Node").field("name", FieldType.OBJECT);
        heap.thread(heap.instance(node).set("name", "n"), "com.example.Worker.run(Worker.java:1)");
    }

    @Test
    void fieldsAreListedAsHotSpotListsThemAndTypedAsDeclared() {
        SyntheticHeap heap = new SyntheticHeap();
        ClassDef base = heap.newClass("com.example.Base").field("a", FieldType.INT).field("b", FieldType.OBJECT);
        ClassDef sub = heap.newClass("com.example.Sub", base).field("c", FieldType.BYTE).field("d", FieldType.LONG);
        InstanceDef x = heap.instance(sub).set("a", 0x01020304).set("c", (byte) 5).set("d", 6L);
        // the last declared first, the class's fields before its superclass's
        assertThat(sub.slots()).extracting(s -> s.field().name() + "@" + s.offset()).containsExactly("d@0", "c@8", "b@9", "a@17");
        assertThat(x.fieldBytes()).hasSize(21);
        assertThat(ByteBuffer.wrap(x.fieldBytes()).getInt(17)).isEqualTo(0x01020304);

        assertThatThrownBy(() -> x.set("a", "text")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("com.example.Base.a is an int");
        assertThatThrownBy(() -> x.set("c", 300)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("300");
        assertThatThrownBy(() -> x.set("b", 5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a reference");
        assertThatThrownBy(() -> x.set("missing", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("com.example.Sub has no field missing");
        assertThatThrownBy(() -> base.field("late", FieldType.INT)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> heap.classNamed("com.example.Unknown")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.util.HashMap");
        heap.newClass("com.example.Base");
        assertThatThrownBy(() -> heap.classNamed("com.example.Base")).hasMessageContaining("2 classes are named");
    }

    @Test
    void stringsKeepLatin1OrUtf16Bytes() {
        SyntheticHeap heap = new SyntheticHeap();
        InstanceDef latin = heap.string("héllo");
        InstanceDef wide = heap.string("日本");
        Map<Long, ArrayDef> arrays = arrays(heap);
        assertThat(latin.bits("coder")).isZero();
        assertThat(arrays.get(latin.bits("value")).data()).isEqualTo("héllo".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(wide.bits("coder")).isEqualTo(1);
        assertThat(arrays.get(wide.bits("value")).data()).isEqualTo("日本".getBytes(StandardCharsets.UTF_16LE));
        assertThat(wide.bits("hash")).isEqualTo("日本".hashCode());
    }

    @Test
    void anArrayListGrowsAsTheJdksDoes() {
        SyntheticHeap heap = new SyntheticHeap();
        Map<Integer, Integer> capacities = new HashMap<>();
        for (int size : new int[] {0, 1, 10, 11, 15, 16, 23, 50}) {
            List<Ref> elements = Collections.nCopies(size, heap.instance("java.lang.Object"));
            InstanceDef list = heap.arrayList(elements);
            capacities.put(size, arrays(heap).get(list.bits("elementData")).length());
        }
        assertThat(capacities).containsExactlyInAnyOrderEntriesOf(Map.of(0, 0, 1, 10, 10, 10, 11, 15, 15, 15, 16, 22, 23, 33,
                50, 73));
    }

    @Test
    void framesAndClassNames() {
        assertThat(ThreadDef.Frame.parse("com.example.Outer$Inner.run(Outer.java:42)"))
                .isEqualTo(new ThreadDef.Frame("com.example.Outer$Inner", "run", "Outer.java", 42));
        assertThat(ThreadDef.Frame.parse("java.lang.Object.wait(Native Method)"))
                .isEqualTo(new ThreadDef.Frame("java.lang.Object", "wait", null, -3));
        assertThat(ThreadDef.Frame.parse("a.B.<init>(B.java)")).isEqualTo(new ThreadDef.Frame("a.B", "<init>", "B.java", -1));
        assertThatThrownBy(() -> ThreadDef.Frame.parse("no frame")).isInstanceOf(IllegalArgumentException.class);
        assertThat(DumpWriter.internalName("java.lang.String")).isEqualTo("java/lang/String");
        assertThat(DumpWriter.internalName("byte[]")).isEqualTo("[B");
        assertThat(DumpWriter.internalName("int[][]")).isEqualTo("[[I");
        assertThat(DumpWriter.internalName("java.util.HashMap$Node[]")).isEqualTo("[Ljava/util/HashMap$Node;");
    }

    private static Map<Long, ArrayDef> arrays(SyntheticHeap heap) {
        Map<Long, ArrayDef> arrays = new HashMap<>();
        for (Ref o : heap.objects()) {
            if (o instanceof ArrayDef a) {
                arrays.put(a.id(), a);
            }
        }
        return arrays;
    }
}
