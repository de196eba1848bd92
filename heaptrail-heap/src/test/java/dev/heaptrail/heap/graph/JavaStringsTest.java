package dev.heaptrail.heap.graph;

import dev.heaptrail.testkit.synthetic.ArrayDef;
import dev.heaptrail.testkit.synthetic.FieldType;
import dev.heaptrail.testkit.synthetic.InstanceDef;
import dev.heaptrail.testkit.synthetic.SyntheticHeap;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.heaptrail.heap.graph.SyntheticGraphs.graph;
import static dev.heaptrail.heap.graph.SyntheticGraphs.instance;
import static org.assertj.core.api.Assertions.assertThat;

/** Strings read as text: JDK 9+ Latin-1 and UTF-16, JDK 8's char[], JDK 6's shared char[] with offset and count. */
class JavaStringsTest {

    private static final List<String> TEXTS = List.of("", "hello", "héllo wörld ÿ", "Привет, 世界", "emoji 😀 and more",
            "x".repeat(70_000));

    @Test
    void compactStringsInLatin1AndUtf16() {
        SyntheticHeap heap = new SyntheticHeap();
        List<InstanceDef> strings = TEXTS.stream().map(heap::string).toList();
        InstanceDef notAString = heap.instance("java.lang.Object");
        HeapGraph g = graph(heap);

        for (int i = 0; i < TEXTS.size(); i++) {
            HeapInstance s = instance(g, strings.get(i));
            String text = TEXTS.get(i);
            assertThat(s.readString()).as(text).contains(text);
            assertThat(s.field("coder").orElseThrow().asByte()).as(text).isEqualTo((byte) (text.chars().allMatch(c -> c < 256) ? 0 : 1));
            assertThat(s.asString(3)).as(text).contains(text.substring(0, Math.min(3, text.length())));
            assertThat(s.asString(0)).contains("");
            assertThat(s.field("hash").orElseThrow().asInt()).isEqualTo(text.hashCode());
        }
        assertThat(instance(g, strings.get(3)).asString(4)).contains("Прив");
        assertThat(instance(g, notAString).readString()).isEmpty();
    }

    @Test
    void jdk8StringsKeepChars() {
        SyntheticHeap heap = new SyntheticHeap();
        heap.newClass("java.lang.String").field("value", FieldType.OBJECT).field("hash", FieldType.INT);
        InstanceDef s = heap.instance("java.lang.String").set("value", heap.charArray("Grüße, 世界".toCharArray()));
        InstanceDef noValue = heap.instance("java.lang.String");
        HeapGraph g = graph(heap);

        assertThat(instance(g, s).readString()).contains("Grüße, 世界");
        assertThat(instance(g, s).asString(5)).contains("Grüße");
        assertThat(instance(g, noValue).readString()).isEmpty();
    }

    @Test
    void jdk6SubstringsShareTheirChars() {
        SyntheticHeap heap = new SyntheticHeap();
        heap.newClass("java.lang.String").field("value", FieldType.OBJECT).field("offset", FieldType.INT)
                .field("count", FieldType.INT).field("hash", FieldType.INT);
        ArrayDef chars = heap.charArray("hello world".toCharArray());
        InstanceDef whole = heap.instance("java.lang.String").set("value", chars).set("count", 11);
        InstanceDef world = heap.instance("java.lang.String").set("value", chars).set("offset", 6).set("count", 5);
        InstanceDef corrupt = heap.instance("java.lang.String").set("value", chars).set("offset", 9).set("count", 50);
        HeapGraph g = graph(heap);

        assertThat(instance(g, whole).readString()).contains("hello world");
        assertThat(instance(g, world).readString()).contains("world");
        assertThat(instance(g, world).asString(2)).contains("wo");
        assertThat(instance(g, corrupt).readString()).contains("ld"); // a count past the array's end stops at it
    }
}
