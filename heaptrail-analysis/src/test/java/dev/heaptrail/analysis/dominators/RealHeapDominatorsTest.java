package dev.heaptrail.analysis.dominators;

import dev.heaptrail.heap.index.HeapIndex;
import dev.heaptrail.heap.index.HeapIndexBuilder;
import dev.heaptrail.heap.index.ObjectKind;
import dev.heaptrail.heap.store.NodeArray;
import dev.heaptrail.heap.store.MappedNodeArray;
import dev.heaptrail.hprof.HprofReader;
import dev.heaptrail.hprof.HprofStatistics;
import dev.heaptrail.hprof.HprofTag;
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

    static Path dump;
    static HeapIndex index;
    static DominatorTree tree;
    static NodeArray retained;

    @BeforeAll
    static void dump() throws Exception {
        dump = KnownHeapDump.create(Jdks.current(), List.of("-Xmx128m"), Path.of("target", "dumps", "known"), false).dump();
        index = HeapIndexBuilder.build(dump, ReadProgress.NONE);
        tree = DominatorTree.of(new StrongReferences(index));
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
    void anObjectReferencesItsClassUnlessTheClassIsAGcRoot() {
        java.util.Set<Long> roots = new java.util.HashSet<>();
        index.gcRoots().forEach(r -> roots.add(r.object()));
        long kept = 0;
        long left = 0;
        for (long o = 0; o < index.objectCount(); o++) {
            ObjectKind kind = index.kind(o);
            if (kind != ObjectKind.INSTANCE && kind != ObjectKind.OBJECT_ARRAY) {
                continue;
            }
            long c = index.objectNumber(index.classOf(o).classId());
            if (c < 0) {
                continue;
            }
            boolean referenced = targets(index, o, true).contains(c);
            if (!roots.contains(c)) {
                assertThat(referenced).as("%s 0x%x → its class, no root", index.typeName(o), index.address(o)).isTrue();
                kept++;
            } else if (index.typeName(o).equals("java.lang.String")) { // no field of a String holds a class
                assertThat(referenced).as("String 0x%x → its class, a root", index.address(o)).isFalse();
                left++;
            }
        }
        // The application's classes are not roots (their loader holds them), the JDK's are.
        assertThat(kept).as("objects referencing a class no root holds").isPositive();
        assertThat(left).as("strings, whose class is a root").isPositive();
    }

    @Test
    void oneReadInDumpOrderAndTwoPassesOnSeveralThreadsBuildTheSameIndex(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        HprofStatistics stats = new HprofStatistics();
        try (HprofReader reader = HprofReader.open(dump)) {
            reader.accept(stats, ReadProgress.NONE);
        }
        assertThat(stats.count(HprofTag.HEAP_DUMP_SEGMENT)).as("segments to share out").isGreaterThanOrEqualTo(3);
        HeapIndex parallel;
        String before = System.getProperty("heaptrail.threads");
        System.setProperty("heaptrail.threads", "3");
        try {
            parallel = HeapIndexBuilder.build(dump, ReadProgress.NONE, MappedNodeArray.in(dir));
        } finally {
            if (before == null) {
                System.clearProperty("heaptrail.threads");
            } else {
                System.setProperty("heaptrail.threads", before);
            }
        }
        assertThat(parallel.objectCount()).isEqualTo(index.objectCount());
        assertThat(parallel.referenceCount()).isEqualTo(index.referenceCount());
        // One reading thread numbers objects as the dump lists them (class objects first, in no
        // order); two passes number them by address: same objects, other numbers.
        assertThat(ascending(index)).as("numbered in the dump's order").isFalse();
        assertThat(ascending(parallel)).as("numbered by address").isTrue();
        for (long o = 0; o < index.objectCount(); o++) {
            long p = parallel.objectNumber(index.address(o));
            assertThat(index.objectNumber(index.address(o))).isEqualTo(o);
            assertThat(parallel.kind(p)).isEqualTo(index.kind(o));
            assertThat(parallel.classOf(p).name()).isEqualTo(index.classOf(o).name());
            assertThat(parallel.shallowSize(p)).isEqualTo(index.shallowSize(o));
            assertThat(addresses(parallel, targets(parallel, p, true))).as("references of object %d", o)
                    .isEqualTo(addresses(index, targets(index, o, true)));
            assertThat(addresses(parallel, targets(parallel, p, false))).as("referrers of object %d", o)
                    .isEqualTo(addresses(index, targets(index, o, false)));
        }
    }

    private static boolean ascending(HeapIndex in) {
        for (long o = 1; o < in.objectCount(); o++) {
            if (in.address(o) <= in.address(o - 1)) {
                return false;
            }
        }
        return true;
    }

    private static List<Long> addresses(HeapIndex in, List<Long> objects) {
        List<Long> list = new ArrayList<>();
        for (long o : objects) {
            list.add(in.address(o));
        }
        list.sort(null);
        return list;
    }

    private static List<Long> targets(HeapIndex in, long o, boolean outgoing) {
        List<Long> list = new ArrayList<>();
        long start = outgoing ? in.outgoingStart(o) : in.incomingStart(o);
        long end = outgoing ? in.outgoingEnd(o) : in.incomingEnd(o);
        for (long e = start; e < end; e++) {
            list.add(outgoing ? in.outgoingTarget(e) : in.incomingSource(e));
        }
        list.sort(null);
        return list;
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
