import dev.heaptrail.heap.index.HeapIndex;
import dev.heaptrail.heap.index.IndexStore;
import dev.heaptrail.hprof.ReadProgress;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * A floor for the index's id resolution, the step between reading a dump and having a graph: every
 * reference in a dump names its target by id (address), and the graph needs the target's number.
 * From a saved index, the ids every reference names (in the dump's order) and every object's id
 * are copied into plain long arrays; then each reference's id is turned into a number two ways,
 * timed apart: a hash map built from the objects' ids (fastutil), and a binary search over the ids
 * sorted (the sort timed with it). With the lean walk (one pass over the bytes) this bounds from
 * below what building the graph can cost; parsing the fields and writing the rows come on top.
 * Usage: java -Xmx6g -cp heaptrail.jar:target/bench/classes ResolveFloor DUMP INDEX_DIR [ROUNDS]
 */
public class ResolveFloor {

    public static void main(String[] args) throws Exception {
        HeapIndex index = IndexStore.of(Path.of(args[0]), new IndexStore.Options(Path.of(args[1]), IndexStore.Placement.FILES))
                .openOrBuild(ReadProgress.NONE, new IndexStore.Listener() {});
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int n = Math.toIntExact(index.objectCount());
        long[] ids = new long[n];
        for (int v = 0; v < n; v++) {
            ids[v] = index.address(v);
        }
        long[] named = new long[Math.toIntExact(index.referenceCount())];
        for (int e = 0; e < named.length; e++) {
            named[e] = ids[(int) index.outgoingTarget(e)];
        }
        System.out.printf("objects=%d references=%d%n", n, named.length);
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            Long2IntOpenHashMap numbers = new Long2IntOpenHashMap(n);
            for (int v = 0; v < n; v++) {
                numbers.put(ids[v], v);
            }
            int[] targets = new int[named.length];
            for (int e = 0; e < named.length; e++) {
                targets[e] = numbers.get(named[e]);
            }
            long t1 = System.nanoTime();
            long[] sorted = ids.clone();
            Arrays.sort(sorted); // the numbers by address: the two-pass index numbers objects this way
            int[] byAddress = new int[named.length];
            for (int e = 0; e < named.length; e++) {
                byAddress[e] = Arrays.binarySearch(sorted, named[e]);
            }
            long t2 = System.nanoTime();
            System.out.printf("hash map %.3f s  sort + binary search %.3f s  (check %d %d)%n",
                    (t1 - t0) / 1e9, (t2 - t1) / 1e9, checksum(targets), checksum(byAddress));
        }
    }

    private static long checksum(int[] a) {
        long s = 0;
        for (int x : a) {
            s = s * 31 + x;
        }
        return s;
    }
}
