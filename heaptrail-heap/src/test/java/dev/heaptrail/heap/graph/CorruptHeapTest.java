package dev.heaptrail.heap.graph;

import dev.heaptrail.heap.index.HeapIndexBuilder;
import dev.heaptrail.hprof.ReadProgress;
import dev.heaptrail.testkit.synthetic.ClassDef;
import dev.heaptrail.testkit.synthetic.FieldType;
import dev.heaptrail.testkit.synthetic.InstanceDef;
import dev.heaptrail.testkit.synthetic.SyntheticHeap;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static dev.heaptrail.heap.graph.SyntheticGraphs.graph;
import static dev.heaptrail.heap.graph.SyntheticGraphs.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Ids that point nowhere read as empty, never as an exception; an unreadable dump is named in the error. */
class CorruptHeapTest {

    private static final long NOWHERE = 0x7777_0000L;

    @Test
    void referencesToIdsTheDumpDoesNotHoldReadAsEmpty() {
        SyntheticHeap heap = new SyntheticHeap();
        ClassDef holder = heap.newClass("com.example.Holder").field("lost", FieldType.OBJECT).field("kept", FieldType.OBJECT)
                .staticField("LOST", SyntheticHeap.dangling(NOWHERE));
        ClassDef orphan = heap.newClass("com.example.Orphan").loader(SyntheticHeap.dangling(NOWHERE + 8));
        heap.stickyClass(orphan);
        InstanceDef kept = heap.instance("java.lang.Object");
        InstanceDef h = heap.instance(holder).set("lost", SyntheticHeap.dangling(NOWHERE)).set("kept", kept);
        InstanceDef lostString = heap.instance("java.lang.String").set("value", SyntheticHeap.dangling(NOWHERE + 16));
        HeapGraph g = graph(heap);

        HeapInstance hi = instance(g, h);
        HeapValue lost = hi.field("lost").orElseThrow();
        assertThat(lost.isNull()).isFalse();
        assertThat(lost.bits()).isEqualTo(NOWHERE);
        assertThat(lost.asObject()).isEmpty();
        assertThat(lost.asInstance()).isEmpty();
        assertThat(hi.fieldObject("lost")).isEmpty();
        assertThat(hi.referents()).extracting(HeapReference::name).containsExactly("kept");
        HeapClass holderClass = g.findClass("com.example.Holder").orElseThrow();
        assertThat(holderClass.staticField("LOST").orElseThrow().asObject()).isEmpty();
        assertThat(holderClass.referents()).extracting(HeapReference::name).containsExactly("<superclass>");
        assertThat(g.findClass("com.example.Orphan").orElseThrow().classLoader()).isEmpty();
        assertThat(instance(g, lostString).readString()).isEmpty();
        assertThat(g.objectAt(NOWHERE)).isEmpty();
        assertThat(g.objectAt(0)).isEmpty();
        assertThatThrownBy(() -> g.object(g.objectCount())).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aDumpThatCannotBeReadIsNamed() throws Exception {
        SyntheticHeap heap = new SyntheticHeap();
        InstanceDef s = heap.string("gone");
        Path dump = SyntheticGraphs.write(heap);
        HeapGraph g = HeapGraph.of(HeapIndexBuilder.build(dump, ReadProgress.NONE));
        Files.delete(dump);

        HeapInstance string = instance(g, s); // the index still knows it
        assertThat(string.className()).isEqualTo("java.lang.String");
        assertThatThrownBy(string::readString).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(dump.toString());
    }

    @Test
    void aCompressedDumpIsReadToo() throws Exception {
        SyntheticHeap heap = new SyntheticHeap();
        ClassDef node = heap.newClass("com.example.Node").field("name", FieldType.OBJECT).field("next", FieldType.OBJECT);
        InstanceDef first = heap.instance(node).set("name", "first");
        InstanceDef second = heap.instance(node).set("name", "second").set("next", first);
        Path plain = SyntheticGraphs.write(heap);
        Path gz = plain.resolveSibling(plain.getFileName() + ".gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(plain, out);
        }
        HeapGraph g = HeapGraph.of(HeapIndexBuilder.build(gz, ReadProgress.NONE));

        HeapInstance n = instance(g, second);
        assertThat(n.fieldObject("name").flatMap(HeapObject::asInstance).flatMap(HeapInstance::readString)).contains("second");
        assertThat(n.fieldObject("next").flatMap(HeapObject::asInstance).flatMap(o -> o.fieldObject("name"))
                .flatMap(HeapObject::asInstance).flatMap(HeapInstance::readString)).contains("first");
    }
}
