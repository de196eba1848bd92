package dev.heaptrail.analysis.paths;

import dev.heaptrail.heap.index.GcRootEntry;
import dev.heaptrail.heap.index.HeapIndex;
import dev.heaptrail.heap.index.HeapIndexBuilder;
import dev.heaptrail.hprof.ReadProgress;
import dev.heaptrail.testkit.Jdks;
import dev.heaptrail.testkit.KnownHeapDump;
import dev.heaptrail.testkit.synthetic.ClassDef;
import dev.heaptrail.testkit.synthetic.FieldType;
import dev.heaptrail.testkit.synthetic.InstanceDef;
import dev.heaptrail.testkit.synthetic.SyntheticHeap;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The search from the GC roots goes only as far as the questions need, and still answers each
 * question as one full breadth-first search would: checked against a plain search written here.
 */
class GcRootPathsTest {

    /** A plain breadth-first search from the roots in their order, references in row order: parent + 1, 0 unreached. */
    private static long[] fullSearch(HeapIndex index) {
        int n = (int) index.objectCount();
        long[] parent = new long[n];
        int[] queue = new int[n];
        int tail = 0;
        for (GcRootEntry r : index.gcRoots()) {
            int o = (int) r.object();
            if (parent[o] == 0) {
                parent[o] = o + 1;
                queue[tail++] = o;
            }
        }
        for (int head = 0; head < tail; head++) {
            int v = queue[head];
            for (long e = index.outgoingStart(v); e < index.outgoingEnd(v); e++) {
                int t = (int) index.outgoingTarget(e);
                if (parent[t] == 0) {
                    parent[t] = v + 1;
                    queue[tail++] = t;
                }
            }
        }
        return parent;
    }

    private static List<Long> expectedPath(long[] parent, long object) {
        List<Long> path = new ArrayList<>();
        if (parent[(int) object] == 0) {
            return path;
        }
        for (long v = object; ; v = parent[(int) v] - 1) {
            path.add(v);
            if (parent[(int) v] - 1 == v) {
                break;
            }
        }
        Collections.reverse(path);
        return path;
    }

    /** Asks for objects in a random order, shallow and deep, reachable or not, and compares every answer. */
    private static void answersAsTheFullSearch(HeapIndex index, long seed) {
        long[] expected = fullSearch(index);
        GcRootPaths paths = GcRootPaths.of(index);
        Random random = new Random(seed);
        int n = (int) index.objectCount();
        for (int i = 0; i < 2000; i++) {
            long o = random.nextInt(n);
            if (random.nextBoolean()) {
                assertThat(paths.pathTo(o)).as("path to %d", o).isEqualTo(expectedPath(expected, o));
            } else {
                assertThat(paths.isReachable(o)).as("reachable %d", o).isEqualTo(expected[(int) o] != 0);
            }
        }
        for (long o = 0; o < n; o++) {
            assertThat(paths.pathTo(o)).as("path to %d", o).isEqualTo(expectedPath(expected, o));
        }
    }

    @Test
    void aRealHeapAskedInAnyOrderGetsTheFullSearchsPaths() throws Exception {
        Path dump = KnownHeapDump.create(Jdks.current(), List.of("-Xmx64m"), Path.of("target", "dumps", "paths"), false).dump();
        HeapIndex index = HeapIndexBuilder.build(dump, ReadProgress.NONE);
        answersAsTheFullSearch(index, 17);

        // a question near a root is answered after a sliver of the heap
        GcRootPaths fresh = GcRootPaths.of(index);
        long root = index.gcRoots().get(0).object();
        assertThat(fresh.pathTo(root)).containsExactly(root);
        long first = index.outgoingEnd(root) > index.outgoingStart(root) ? index.outgoingTarget(index.outgoingStart(root)) : root;
        assertThat(fresh.pathTo(first)).isNotEmpty();
        assertThat(fresh.objectsSearched()).isLessThan(index.objectCount() / 10);
    }

    @Test
    void aRandomGraphWithCyclesAndUnreachablePartsGetsTheFullSearchsPaths() throws Exception {
        for (long seed = 1; seed <= 5; seed++) {
            Random random = new Random(seed);
            Path dump = SyntheticHeap.write(Path.of("target", "dumps", "paths-random-" + seed + ".hprof"), heap -> {
                ClassDef node = heap.newClass("Node").field("a", FieldType.OBJECT).field("b", FieldType.OBJECT)
                        .field("c", FieldType.OBJECT);
                List<InstanceDef> nodes = new ArrayList<>();
                for (int i = 0; i < 3000; i++) {
                    nodes.add(heap.instance(node));
                }
                for (InstanceDef d : nodes) {
                    for (String f : List.of("a", "b", "c")) {
                        if (random.nextInt(4) != 0) {
                            d.set(f, nodes.get(random.nextInt(random.nextInt(10) == 0 ? nodes.size() : 200 + random.nextInt(2800))));
                        }
                    }
                }
                for (int r = 0; r < 4; r++) {
                    heap.jniGlobal(nodes.get(random.nextInt(nodes.size())));
                }
            });
            answersAsTheFullSearch(HeapIndexBuilder.build(dump, ReadProgress.NONE), seed);
        }
    }
}
