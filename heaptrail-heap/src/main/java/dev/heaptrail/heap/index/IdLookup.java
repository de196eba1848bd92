package dev.heaptrail.heap.index;

import dev.heaptrail.heap.store.NodeArray;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;

/**
 * Finds an object's number from its id when objects are numbered in the dump's order. A dump
 * lists its objects in a few runs of ascending addresses (the heap's spaces or regions, or one
 * run per dumping thread), after the class objects in no order: each long run is searched where
 * it lies ({@link ObjectIds}), the rest by a hash table. Nothing is copied or sorted. With ids
 * sorted (objects numbered by id) the whole array is one run.
 */
final class IdLookup {

    /** Runs shorter than this go into the hash table. */
    private static final int LONG_RUN = 64;

    private final ObjectIds[] runs;
    private final Long2LongOpenHashMap loose;

    private IdLookup(ObjectIds[] runs, Long2LongOpenHashMap loose) {
        this.runs = runs;
        this.loose = loose;
    }

    /** Over ids already sorted, numbered by rank. */
    static IdLookup of(ObjectIds sorted) {
        Long2LongOpenHashMap none = new Long2LongOpenHashMap(0);
        none.defaultReturnValue(-1);
        return new IdLookup(new ObjectIds[] {sorted}, none);
    }

    /**
     * Over {@code ids[0, n)} (object number → id) in any order; null when they fall into more than
     * {@code maxRuns} long runs or {@code maxLoose} ids outside them (a lookup would be slow), or
     * when an id occurs twice (the dump is corrupt: numbering by id collapses the duplicates).
     */
    static IdLookup over(NodeArray ids, long n, int maxRuns, int maxLoose) {
        LongArrayList bounds = new LongArrayList();
        Long2LongOpenHashMap loose = new Long2LongOpenHashMap();
        loose.defaultReturnValue(-1);
        long start = 0;
        long previous = 0;
        for (long i = 0; i <= n; i++) {
            long id = i < n ? ids.get(i) : 0;
            if (i == n || i > start && id <= previous) {
                if (i - start >= LONG_RUN) {
                    bounds.add(start);
                    bounds.add(i);
                } else {
                    for (long j = start; j < i; j++) {
                        if (loose.put(ids.get(j), j) >= 0) {
                            return null;
                        }
                    }
                }
                if (bounds.size() > 2L * maxRuns || loose.size() > maxLoose) {
                    return null;
                }
                start = i;
            }
            previous = id;
        }
        ObjectIds[] runs = new ObjectIds[bounds.size() / 2];
        for (int r = 0; r < runs.length; r++) {
            runs[r] = new ObjectIds(ids, bounds.getLong(2 * r), bounds.getLong(2 * r + 1));
        }
        IdLookup lookup = new IdLookup(runs, loose);
        return lookup.unique(ids, bounds) ? lookup : null;
    }

    /** Whether no id of a short run is also in a long run, and no two long runs share an id. */
    private boolean unique(NodeArray ids, LongArrayList bounds) {
        for (long id : loose.keySet()) {
            for (ObjectIds run : runs) {
                if (run.number(id) >= 0) {
                    return false;
                }
            }
        }
        for (int a = 0; a < runs.length; a++) {
            for (int b = a + 1; b < runs.length; b++) {
                if (runs[a].overlaps(runs[b]) && shareAnId(ids, bounds.getLong(2 * a), bounds.getLong(2 * a + 1),
                        bounds.getLong(2 * b), bounds.getLong(2 * b + 1))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether two ascending runs of ids hold a common one: a merge that writes nothing. */
    private static boolean shareAnId(NodeArray ids, long a, long aEnd, long b, long bEnd) {
        while (a < aEnd && b < bEnd) {
            long x = ids.get(a);
            long y = ids.get(b);
            if (x == y) {
                return true;
            }
            if (x < y) {
                a++;
            } else {
                b++;
            }
        }
        return false;
    }

    /** The number of the object with this id, or -1 when there is none. */
    long number(long id) {
        for (ObjectIds run : runs) {
            if (run.contains(id)) {
                long found = run.number(id);
                if (found >= 0) {
                    return found;
                }
            }
        }
        return loose.get(id);
    }
}
