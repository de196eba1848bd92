package dev.heaptrail.analysis.dominators;

import dev.heaptrail.heap.index.HeapIndex;
import dev.heaptrail.heap.index.HeapIndexBuilder;
import dev.heaptrail.heap.index.ObjectKind;
import dev.heaptrail.heap.store.NodeArray;
import dev.heaptrail.hprof.ReadProgress;
import dev.heaptrail.testkit.Jdks;
import dev.heaptrail.testkit.KnownHeap;
import dev.heaptrail.testkit.KnownHeapDump;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Dominators and retained sizes on a real dump whose structures are known. */
class RealHeapDominatorsTest {

    static HeapIndex index;
    static DominatorTree tree;
    static NodeArray retained;

    @BeforeAll
    static void dump() throws Exception {
        Path dump = KnownHeapDump.create(Jdks.current(), List.of("-Xmx128m"), Path.of("target", "dumps", "known"), false).dump();
        index = HeapIndexBuilder.build(dump, ReadProgress.NONE);
        tree = DominatorTree.of(new HeapGraph(index));
        retained = tree.retainedSizes(index::shallowSize);
    }

    @Test
    void indexHoldsEveryObjectOfTheHistogramAndEveryClass() {
        long objects = index.histogram().totalInstances(); // includes one java.lang.Class per class object
        assertThat(index.objectCount()).isEqualTo(objects);
        long shallowTotal = 0;
        for (long o = 0; o < index.objectCount(); o++) {
            shallowTotal += index.shallowSize(o);
            assertThat(index.objectNumber(index.address(o))).isEqualTo(o);
        }
        assertThat(shallowTotal).isEqualTo(index.histogram().totalBytes());
    }

    @Test
    void theHeadOfALinkedListRetainsTheWholeList() {
        List<Long> nodes = objectsOf(KnownHeap.class.getName() + "$Node");
        assertThat(nodes).hasSize(1001);
        long head = -1;
        for (long node : nodes) {
            boolean referencedByANode = false;
            for (long e = index.incomingStart(node); e < index.incomingEnd(node); e++) {
                if (index.classOf(index.incomingSource(e)).name().endsWith("$Node")) {
                    referencedByANode = true;
                }
            }
            if (!referencedByANode) {
                head = node;
            }
        }
        long nodeSize = index.shallowSize(nodes.get(0));
        assertThat(retained.get(head)).isEqualTo(1001 * nodeSize);
        for (long node : nodes) {
            if (node != head) {
                assertThat(index.classOf(tree.immediateDominator(node)).name()).endsWith("$Node");
            }
        }
    }

    @Test
    void theStaticStoreRetainsItsSessionsAndTheirPayloads() {
        List<Long> sessions = objectsOf(KnownHeap.class.getName() + "$Session");
        assertThat(sessions).hasSize(1021);
        // Each session is dominated by a HashMap node of Session.STORE, all of them by the store's table.
        long store = -1;
        for (long s : sessions) {
            long d = s;
            while (d >= 0 && !index.classOf(d).name().equals("java.util.HashMap")) {
                d = tree.immediateDominator(d);
            }
            assertThat(d).as("a HashMap dominates each session").isNotNegative();
            if (store < 0) {
                store = d;
            }
            assertThat(d).isEqualTo(store);
        }
        long expected = 0;
        for (long s : sessions) {
            expected += retained.get(s);
        }
        assertThat(retained.get(store)).isGreaterThan(expected); // plus the map's nodes, table and keys
        // A session retains itself, its payload array and its id string (which nothing else shares).
        long one = sessions.get(0);
        long own = index.shallowSize(one);
        for (long e = index.outgoingStart(one); e < index.outgoingEnd(one); e++) {
            long t = index.outgoingTarget(e);
            if (index.kind(t) != ObjectKind.CLASS && tree.immediateDominator(t) == one) {
                own += retained.get(t);
            }
        }
        assertThat(retained.get(one)).isEqualTo(own);
    }

    @Test
    void aSoftlyReferencedObjectIsNotStronglyReachable() {
        long soft = -1;
        for (long o = 0; o < index.objectCount(); o++) {
            if (index.kind(o) == ObjectKind.PRIMITIVE_ARRAY && index.classOf(o).name().equals("byte[]")
                    && index.shallowSize(o) == index.histogram().layout().arraySize(1, KnownHeap.SOFT_ARRAY_LENGTH)) {
                soft = o;
            }
        }
        assertThat(soft).as("the softly referenced byte[] is in the dump").isNotNegative();
        assertThat(index.incomingEnd(soft) - index.incomingStart(soft)).as("its referent edge is left out").isZero();
        assertThat(tree.immediateDominator(soft)).isEqualTo(DominatorTree.UNREACHABLE);
        assertThat(tree.reachableCount()).isLessThan(index.objectCount());
    }

    private static List<Long> objectsOf(String className) {
        List<Long> found = new ArrayList<>();
        for (long o = 0; o < index.objectCount(); o++) {
            if (index.classOf(o).name().equals(className) && index.kind(o) == ObjectKind.INSTANCE) {
                found.add(o);
            }
        }
        return found;
    }
}
