package dev.heaptrail.heap.index;

import dev.heaptrail.heap.ClassHistogram;
import dev.heaptrail.heap.ClassHistogramBuilder;
import dev.heaptrail.heap.store.NodeArray;
import dev.heaptrail.hprof.HeapTag;
import dev.heaptrail.hprof.HprofReader;
import dev.heaptrail.hprof.ReadProgress;
import dev.heaptrail.testkit.synthetic.ClassDef;
import dev.heaptrail.testkit.synthetic.FieldType;
import dev.heaptrail.testkit.synthetic.InstanceDef;
import dev.heaptrail.testkit.synthetic.Ref;
import dev.heaptrail.testkit.synthetic.SyntheticHeap;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dumps written by the testkit's {@link SyntheticHeap} are read by the index (in one pass and in
 * two) and the class histogram with exactly the objects, references and roots written.
 */
class SyntheticHeapIndexTest {

    private static final Path DIR = Path.of("target", "synthetic-heaps");
    private static final int NODES = 300;
    private static final int SESSIONS = 50;

    /** A chain of NODES nodes from a static field, a map of SESSIONS strings to byte[]s, a thread with a local. */
    private static SyntheticHeap build() {
        SyntheticHeap heap = new SyntheticHeap();
        ClassDef node = heap.newClass("com.example.Node").field("id", FieldType.LONG).field("next", FieldType.OBJECT);
        InstanceDef head = null;
        for (int i = 0; i < NODES; i++) {
            head = heap.instance(node).set("id", (long) i).set("next", head);
        }
        node.staticField("HEAD", head);
        Map<Ref, Ref> sessions = new LinkedHashMap<>();
        for (int i = 0; i < SESSIONS; i++) {
            sessions.put(heap.string("session-" + i), heap.byteArray(new byte[i]));
        }
        heap.newClass("com.example.Store").staticField("SESSIONS", heap.hashMap(sessions));
        heap.thread("worker-1", "com.example.Worker.run(Worker.java:42)", "java.lang.Thread.run(Thread.java:833)")
                .local(0, heap.arrayList(List.of(heap.string("local"))));
        heap.jniGlobal(heap.intArray(1, 2, 3));
        return heap;
    }

    @Test
    void theIndexHoldsWhatWasWrittenInOnePassAndInTwo() throws Exception {
        SyntheticHeap heap = build();
        Path dump = heap.writeTo(DIR.resolve("index.hprof"));
        HeapIndex onePass = HeapIndexBuilder.build(dump, ReadProgress.NONE);
        HeapIndex twoPasses = HeapIndexBuilder.buildInTwoPasses(dump, ReadProgress.NONE, NodeArray.Factory.DEFAULT,
                NodeArray.Factory.DEFAULT);
        for (HeapIndex index : List.of(onePass, twoPasses)) {
            assertThat(countByClass(index)).isEqualTo(heap.counts());
            assertThat(count(index, "com.example.Node")).isEqualTo(NODES);
            assertThat(count(index, "java.util.HashMap$Node")).isEqualTo(SESSIONS);
            // Node i references node i - 1 (and not its class: a sticky root), the head is held by the class's static
            long head = -1;
            for (long o = 0; o < index.objectCount(); o++) {
                if (index.typeName(o).equals("class com.example.Node")) {
                    head = index.outgoingTarget(index.outgoingEnd(o) - 1);
                }
            }
            int chain = 0;
            for (long o = head; o >= 0; chain++) {
                assertThat(index.typeName(o)).isEqualTo("com.example.Node");
                long end = index.outgoingEnd(o);
                o = end > index.outgoingStart(o) ? index.outgoingTarget(end - 1) : -1;
            }
            assertThat(chain).isEqualTo(NODES);
            assertThat(rootKinds(index)).containsEntry(HeapTag.ROOT_THREAD_OBJECT, 1).containsEntry(HeapTag.ROOT_JAVA_FRAME, 1)
                    .containsEntry(HeapTag.ROOT_JNI_GLOBAL, 1).containsEntry(HeapTag.ROOT_STICKY_CLASS, heap.counts().get("java.lang.Class"));
            assertThat(index.gcRoots()).filteredOn(r -> r.kind() == HeapTag.ROOT_JAVA_FRAME)
                    .extracting(GcRootEntry::frame).containsExactly("com.example.Worker.run(Worker.java:42)");
        }
    }

    @Test
    void theHistogramCountsExactlyTheObjectsWritten() throws Exception {
        SyntheticHeap heap = build();
        Path dump = heap.writeTo(DIR.resolve("histogram.hprof"));
        ClassHistogram histogram;
        try (HprofReader reader = HprofReader.open(dump)) {
            histogram = ClassHistogramBuilder.build(reader, ReadProgress.NONE);
        }
        Map<String, Long> rows = new HashMap<>();
        for (ClassHistogram.Row r : histogram.rows()) {
            rows.merge(r.className(), r.instances(), Long::sum);
        }
        Map<String, Long> written = new HashMap<>();
        heap.counts().forEach((name, n) -> written.put(name, (long) n));
        assertThat(rows).isEqualTo(written);
        // the sessions' byte[]s and the strings' values ("session-i", "worker-1", "local")
        assertThat(written).containsEntry("com.example.Node", (long) NODES).containsEntry("java.lang.String", SESSIONS + 2L)
                .containsEntry("byte[]", SESSIONS + SESSIONS + 2L);
    }

    /** Measured at about 1 ms to build, 1 ms to write and 10 ms to index; the best of five runs, bounded generously. */
    @Test
    void aFewHundredObjectsAreWrittenAndIndexedInMilliseconds() throws Exception {
        long bestWrite = Long.MAX_VALUE;
        long bestIndex = Long.MAX_VALUE;
        for (int run = 0; run < 8; run++) {
            long start = System.nanoTime();
            Path dump = build().writeTo(DIR.resolve("timed.hprof"));
            long written = System.nanoTime();
            HeapIndex index = HeapIndexBuilder.build(dump, ReadProgress.NONE);
            long indexed = System.nanoTime();
            assertThat(index.objectCount()).isGreaterThan(NODES + 3 * SESSIONS);
            if (run >= 3) { // the first runs warm the JIT up
                bestWrite = Math.min(bestWrite, written - start);
                bestIndex = Math.min(bestIndex, indexed - written);
            }
        }
        assertThat(bestWrite / 1_000_000).as("ms to build and write").isLessThan(100);
        assertThat(bestIndex / 1_000_000).as("ms to index").isLessThan(200);
    }

    private static Map<String, Integer> countByClass(HeapIndex index) {
        Map<String, Integer> counts = new HashMap<>();
        for (long o = 0; o < index.objectCount(); o++) {
            counts.merge(index.classOf(o).name(), 1, Integer::sum);
        }
        return counts;
    }

    private static long count(HeapIndex index, String className) {
        return countByClass(index).getOrDefault(className, 0);
    }

    private static Map<HeapTag, Integer> rootKinds(HeapIndex index) {
        Map<HeapTag, Integer> kinds = new HashMap<>();
        for (GcRootEntry r : index.gcRoots()) {
            kinds.merge(r.kind(), 1, Integer::sum);
        }
        return kinds;
    }
}
