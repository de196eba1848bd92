import org.netbeans.lib.profiler.heap.Heap;
import org.netbeans.lib.profiler.heap.HeapFactory;
import org.netbeans.lib.profiler.heap.Instance;
import shark.CloseableHeapGraph;
import shark.HprofHeapGraph;
import shark.internal.ObjectDominators;

import java.io.File;
import java.util.List;

/**
 * Times a peer library on a dump, the work closest to heaptrail analyze's core: Shark's full
 * dominator tree with retained sizes, or the NetBeans/VisualVM heap library's biggest objects by
 * retained size. Usage: PeerBench shark|netbeans DUMP
 */
public class PeerBench {

    public static void main(String[] args) throws Exception {
        File dump = new File(args[1]);
        long start = System.nanoTime();
        String top;
        if (args[0].equals("shark")) {
            try (CloseableHeapGraph graph = HprofHeapGraph.Companion.openHeapGraph(dump, null,
                    java.util.EnumSet.allOf(shark.HprofRecordTag.class))) {
                String tree = new ObjectDominators().renderDominatorTree(graph, List.of(), 10_000_000, null, false);
                top = tree.lines().limit(3).reduce("", (a, b) -> a + b + " | ");
            }
        } else {
            Heap heap = HeapFactory.createHeap(dump);
            List<Instance> biggest = heap.getBiggestObjectsByRetainedSize(3);
            top = biggest.get(0).getJavaClass().getName() + " retains " + biggest.get(0).getRetainedSize();
        }
        System.out.printf("%s %.1f s: %s%n", args[0], (System.nanoTime() - start) / 1e9, top);
    }
}
