package dev.heaptrail.heap.index;

import dev.heaptrail.heap.store.MappedNodeArray;
import dev.heaptrail.hprof.ReadProgress;
import dev.heaptrail.testkit.HprofWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Objects numbered in the order a dump lists them (one read), and the dumps that cannot be
 * (an object before its class, an id twice): those are indexed in two passes, by address, with
 * the same graph.
 */
class DumpOrderTest {

    private static final long OBJECT = 0x100;
    private static final long NODE = 0x200;
    private static final long A = 0x1000;
    private static final long B = 0x2000;
    private static final long C = 0x3000;
    private static final long MISSING = 0x9000;

    @TempDir
    Path dir;

    @Test
    void aDumpInItsOwnOrderIsNumberedInThatOrder() throws Exception {
        HeapIndex index = HeapIndexBuilder.build(dump("ordered", classes(), node(C, A), node(B, C), node(A, B), roots()),
                ReadProgress.NONE);
        assertThat(addresses(index)).containsExactly(OBJECT, NODE, C, B, A);
        assertGraph(index);
    }

    @Test
    void anObjectBeforeItsClassIsIndexedInTwoPasses() throws Exception {
        HeapIndex index = HeapIndexBuilder.build(dump("early", node(C, A), classes(), node(B, C), node(A, B), roots()),
                ReadProgress.NONE);
        assertThat(addresses(index)).containsExactly(OBJECT, NODE, A, B, C);
        assertGraph(index);
    }

    @Test
    void anIdTwiceIsOneObject() throws Exception {
        HeapIndex index = HeapIndexBuilder.build(
                dump("twice", classes(), node(C, A), node(B, C), node(A, B), node(B, C), roots()), ReadProgress.NONE);
        assertThat(addresses(index)).containsExactly(OBJECT, NODE, A, B, C);
        // both records of B give their references to the one object
        assertThat(targets(index, B)).containsOnly(NODE, C);
        assertThat(targets(index, C)).containsExactly(NODE, A);
        assertThat(sources(index, C)).containsOnly(B);
    }

    @Test
    void anIndexInMappedFilesIsSavedAndLoadedWhole() throws Exception {
        Path dump = dump("mapped", classes(), node(C, A), node(B, C), node(A, B), roots());
        HeapIndex built = HeapIndexBuilder.build(dump, ReadProgress.NONE, MappedNodeArray.in(dir.resolve("work")));
        built.awaitIncoming();
        IndexFiles.save(built, dir.resolve("saved"), dump);
        StringBuilder whyNot = new StringBuilder();
        HeapIndex loaded = IndexFiles.loadIfValid(dir.resolve("saved"), dump, whyNot);
        assertThat(loaded).as(whyNot.toString()).isNotNull();
        assertThat(addresses(loaded)).containsExactly(OBJECT, NODE, C, B, A);
        assertGraph(loaded);
    }

    /** A → B → C → A through Node.next, A held by a JNI global; the class Object a sticky root, Node not. */
    private static void assertGraph(HeapIndex index) {
        assertThat(index.objectCount()).isEqualTo(5);
        assertThat(targets(index, A)).containsExactly(NODE, B);
        assertThat(targets(index, B)).containsExactly(NODE, C);
        assertThat(targets(index, C)).containsExactly(NODE, A); // and no reference to the missing object
        assertThat(targets(index, NODE)).containsExactly(OBJECT);
        assertThat(sources(index, NODE)).containsExactly(A, B, C);
        assertThat(index.objectNumber(MISSING)).isEqualTo(-1);
        assertThat(index.classOf(index.objectNumber(A)).name()).isEqualTo("Node");
        assertThat(index.kind(index.objectNumber(NODE))).isEqualTo(ObjectKind.CLASS);
        assertThat(index.shallowSize(index.objectNumber(B))).isEqualTo(index.shallowSize(index.objectNumber(C))).isPositive();
        assertThat(index.gcRoots()).extracting(r -> index.address(r.object())).containsExactlyInAnyOrder(A, OBJECT);
    }

    private static List<Long> addresses(HeapIndex index) {
        List<Long> list = new ArrayList<>();
        for (long o = 0; o < index.objectCount(); o++) {
            list.add(index.address(o));
        }
        return list;
    }

    private static List<Long> targets(HeapIndex index, long address) {
        return neighbours(index, address, true);
    }

    private static List<Long> sources(HeapIndex index, long address) {
        return neighbours(index, address, false);
    }

    /** The addresses an object references ({@code outgoing}) or is referenced by, sorted. */
    private static List<Long> neighbours(HeapIndex index, long address, boolean outgoing) {
        long o = index.objectNumber(address);
        List<Long> list = new ArrayList<>();
        long start = outgoing ? index.outgoingStart(o) : index.incomingStart(o);
        long end = outgoing ? index.outgoingEnd(o) : index.incomingEnd(o);
        for (long e = start; e < end; e++) {
            list.add(index.address(outgoing ? index.outgoingTarget(e) : index.incomingSource(e)));
        }
        list.sort(null);
        return list;
    }

    @SafeVarargs
    private Path dump(String name, Consumer<HprofWriter.Body>... parts) throws Exception {
        HprofWriter w = new HprofWriter("JAVA PROFILE 1.0.2", 8, 0);
        String[] strings = {"java.lang.Object", "Node", "next", "mark", "other"};
        for (int i = 0; i < strings.length; i++) {
            w.record(0x01, w.body().id(i + 1).utf8(strings[i]).build());
        }
        w.record(0x02, w.body().u4(1).id(OBJECT).u4(0).id(1).build());
        w.record(0x02, w.body().u4(2).id(NODE).u4(0).id(2).build());
        HprofWriter.Body segment = w.body();
        for (Consumer<HprofWriter.Body> part : parts) {
            part.accept(segment);
        }
        w.record(0x1C, segment.build());
        w.record(0x2C, new byte[0]);
        return w.writeTo(dir.resolve(name + ".hprof"));
    }

    private static Consumer<HprofWriter.Body> classes() {
        return b -> {
            classDump(b, OBJECT, 0, 0);
            classDump(b, NODE, OBJECT, 1);
        };
    }

    /** A CLASS DUMP without statics; with {@code fields}, an int "mark", then references "next" and "other". */
    private static void classDump(HprofWriter.Body b, long id, long superId, int fields) {
        b.u1(0x20).id(id).u4(0).id(superId).id(0).id(0).id(0).id(0).id(0).u4(fields == 0 ? 0 : 20).u2(0).u2(0);
        b.u2(fields == 0 ? 0 : 3);
        if (fields > 0) {
            b.id(4).u1(10); // int mark
            b.id(3).u1(2);  // Object next
            b.id(5).u1(2);  // Object other
        }
    }

    /** A Node whose next is {@code next}; C's other is an object the dump does not hold (the dumper skipped it). */
    private static Consumer<HprofWriter.Body> node(long id, long next) {
        return b -> b.u1(0x21).id(id).u4(0).id(NODE).u4(20).u4(7).id(next).id(id == C ? MISSING : 0);
    }

    private static Consumer<HprofWriter.Body> roots() {
        return b -> {
            b.u1(0x01).id(A).id(0x77); // JNI global
            b.u1(0x05).id(OBJECT);     // sticky class
        };
    }
}
