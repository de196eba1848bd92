package dev.heaptrail.analysis.suspects;

import dev.heaptrail.analysis.HeapAnalysis;
import dev.heaptrail.analysis.paths.PathStep;
import dev.heaptrail.heap.index.HeapIndex;
import dev.heaptrail.testkit.HandMadeStructures;
import dev.heaptrail.testkit.synthetic.FieldType;
import dev.heaptrail.testkit.synthetic.InstanceDef;
import dev.heaptrail.testkit.synthetic.SyntheticHeap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static dev.heaptrail.analysis.suspects.SyntheticSuspects.holder;
import static dev.heaptrail.analysis.suspects.SyntheticSuspects.suspects;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application's own linked list, doubly linked list and tree: collections by shape, not by class
 * name. Before, the head of a list of a million nodes was "one large object", not leak-like.
 */
class HandMadeCollectionsTest {

    private static final String OWN = HandMadeStructures.class.getName();
    private static HeapAnalysis analysis;
    private static List<LeakSuspect> suspects;

    @BeforeAll
    static void dump() throws Exception {
        analysis = LeakScenariosTest.analysis("hand-made");
        suspects = LeakSuspects.find(analysis, 10, 5);
    }

    private static LeakSuspect suspectOf(String kind) {
        return suspects.stream().filter(s -> s.kind().equals(OWN + "$" + kind)).findFirst()
                .orElseThrow(() -> new AssertionError("no suspect of kind " + kind + " in " + suspects.stream().map(LeakSuspect::description).toList()));
    }

    private static String lastField(LeakSuspect s) {
        return s.path().get(s.path().size() - 1).field();
    }

    @Test
    void aListLinkedByNextIsAChainOfEveryOneOfItsNodes() {
        LeakSuspect log = suspectOf("Event");
        assertThat(log.pattern()).as(log.description()).isEqualTo(LeakPattern.STATIC_COLLECTION);
        assertThat(log.shape().leakLike()).as(log.shape().why()).isTrue();
        // the tail, which the log holds beside the head, is counted too: all 3,000
        assertThat(log.linkedChain().nodes()).isEqualTo(HandMadeStructures.EVENTS);
        assertThat(log.linkedChain().links()).containsExactly("next");
        assertThat(log.linkedChain().tree()).isFalse();
        assertThat(log.elements()).isEqualTo(HandMadeStructures.EVENTS);
        assertThat(log.dominantClass()).isEqualTo(OWN + "$Event");
        assertThat(log.dominantInstances()).isEqualTo(HandMadeStructures.EVENTS);
        assertThat(lastField(log)).isEqualTo("head");
        assertThat(log.path()).extracting(PathStep::field).contains("LOG");
        assertThat(log.description()).isEqualTo(String.format(java.util.Locale.ROOT,
                "a linked chain of 3,000 %s$Event objects under HandMadeStructures$EventLog.head retains %.1f %% of the heap", OWN,
                log.retainedPercent()));
        assertThat(log.shape().why()).endsWith("gathered in one place; each holds the next in .next");
        // what the head retains, found independently: all the roots reach, less what they reach without it
        HeapIndex index = analysis.index();
        assertThat(log.retainedBytes()).isEqualTo(Reachability.reachableBytes(index, Set.of())
                - Reachability.reachableBytes(index, Set.of(log.accumulationPoint())));
    }

    @Test
    void aDoublyLinkedListIsHeldByItsOwnerWhichGathersItsNodes() {
        LeakSuspect history = suspectOf("History");
        assertThat(history.pattern()).as(history.description()).isEqualTo(LeakPattern.STATIC_COLLECTION);
        assertThat(history.shape().leakLike()).as(history.shape().why()).isTrue();
        assertThat(history.dominantClass()).isEqualTo(OWN + "$Visit");
        assertThat(history.dominantInstances()).isEqualTo(HandMadeStructures.HISTORY);
        assertThat(history.linkedChain()).isNull();
        assertThat(lastField(history)).isEqualTo("RECENT");
    }

    @Test
    void aBinaryTreeIsATreeOfAllItsNodes() {
        LeakSuspect tree = suspectOf("Branch");
        assertThat(tree.pattern()).as(tree.description()).isEqualTo(LeakPattern.STATIC_COLLECTION);
        assertThat(tree.linkedChain().tree()).isTrue();
        assertThat(tree.linkedChain().nodes()).isEqualTo((1L << (HandMadeStructures.TREE_DEPTH + 1)) - 1);
        assertThat(tree.linkedChain().links()).containsExactly("left", "right");
        assertThat(tree.linkedChain().howLinked()).isEqualTo("a tree (linked by .left and .right)");
        assertThat(lastField(tree)).isEqualTo("INDEX");
        assertThat(tree.description()).startsWith("a tree of 2,047 " + OWN + "$Branch objects under HandMadeStructures.INDEX retains ");
    }

    @Test
    void aChainIsACollectionFromAHundredNodes() {
        LeakSuspect hundred = suspects(heap -> holder(heap, "Log", "HEAD", chain(heap, 100))).get(0);
        assertThat(hundred.linkedChain()).isNotNull();
        assertThat(hundred.linkedChain().nodes()).isEqualTo(100);
        assertThat(hundred.pattern()).as(hundred.description()).isSameAs(LeakPattern.STATIC_COLLECTION);
        assertThat(hundred.shape().leakLike()).isTrue();

        LeakSuspect fewer = suspects(heap -> holder(heap, "Log", "HEAD", chain(heap, 99))).get(0);
        assertThat(fewer.linkedChain()).isNull();
        assertThat(fewer.pattern()).as(fewer.description()).isSameAs(LeakPattern.LARGE_OBJECT);
        assertThat(fewer.shape().leakLike()).isFalse();
    }

    @Test
    void otherChainsInTheSameArrayAreNotThisChainsNodes() {
        // a hand-made hash table whose first bucket holds a long chain (a broken hashCode) and 150
        // others one node each: the chain is 300 nodes, not 450
        LeakSuspect s = suspects(heap -> {
            List<dev.heaptrail.testkit.synthetic.Ref> buckets = new java.util.ArrayList<>();
            buckets.add(chain(heap, 300));
            for (int i = 0; i < 150; i++) {
                buckets.add(heap.instance("com.example.Node"));
            }
            holder(heap, "Table", "BUCKETS", heap.objectArray(buckets.toArray(dev.heaptrail.testkit.synthetic.Ref[]::new)));
        }).get(0);
        assertThat(s.kind()).isEqualTo("com.example.Node");
        assertThat(s.linkedChain().nodes()).isEqualTo(300);
        assertThat(s.linkedChain().links()).containsExactly("next");
    }

    /** {@code n} nodes com.example.Node, each with a 500-byte payload, linked by next; the head. */
    private static InstanceDef chain(SyntheticHeap heap, int n) {
        heap.newClass("com.example.Node").field("next", FieldType.OBJECT).field("payload", FieldType.OBJECT);
        InstanceDef next = null;
        for (int i = 0; i < n; i++) {
            next = heap.instance("com.example.Node").set("next", next).set("payload", heap.byteArray(new byte[500]));
        }
        return next;
    }
}
