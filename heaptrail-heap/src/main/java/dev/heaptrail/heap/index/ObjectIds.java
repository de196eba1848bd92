package dev.heaptrail.heap.index;

import dev.heaptrail.heap.store.NodeArray;

/**
 * Finds an object's number from its id among the sorted ids of a dump. Every reference in a dump
 * is an id, so this lookup runs once per reference while indexing: a plain binary search over
 * millions of ids misses the cache a dozen times each. A directory of buckets by id (about four
 * objects a bucket, 1 byte an object) narrows the search to a few adjacent entries first.
 */
final class ObjectIds {

    private static final int OBJECTS_PER_BUCKET = 4;

    private final NodeArray ids;
    private final long count;
    private final long min;
    private final long max;
    private final int shift;
    /** Bucket b's first index; entry b + 1 ends it. */
    private final NodeArray bucketStart;

    /** Over {@code ids[0, count)}, sorted (signed order) and without duplicates. */
    ObjectIds(NodeArray ids, long count) {
        this(ids, 0, count);
    }

    /** Over {@code ids[from, to)}, sorted (signed order) and without duplicates; numbers are indexes into {@code ids}. */
    ObjectIds(NodeArray ids, long from, long to) {
        this.ids = ids;
        long count = to - from;
        this.count = count;
        this.min = count == 0 ? 0 : ids.get(from);
        this.max = count == 0 ? -1 : ids.get(to - 1);
        long range = max - min; // unsigned: max >= min
        long wanted = Math.max(1, count / OBJECTS_PER_BUCKET);
        int s = 0;
        while (s < 63 && Long.compareUnsigned(range >>> s, wanted) >= 0) {
            s++;
        }
        this.shift = s;
        long buckets = count == 0 ? 0 : (range >>> s) + 1;
        bucketStart = NodeArray.create(buckets + 1, to);
        long next = 0; // the first bucket whose start is not yet written
        for (long i = from; i < to; i++) {
            long b = (ids.get(i) - min) >>> s;
            while (next <= b) {
                bucketStart.set(next++, i);
            }
        }
        while (next <= buckets) {
            bucketStart.set(next++, to);
        }
    }

    /** Whether the id falls between the least and the greatest id searched. */
    boolean contains(long id) {
        return id >= min && id <= max;
    }

    /** Whether the id ranges of the two searches overlap. */
    boolean overlaps(ObjectIds other) {
        return min <= other.max && other.min <= max;
    }

    /** The number of the object with this id, or -1 when there is none (0 is null, never an object). */
    long number(long id) {
        if (id == 0 || id < min || id > max) {
            return -1;
        }
        long b = (id - min) >>> shift;
        long lo = bucketStart.get(b);
        long hi = bucketStart.get(b + 1) - 1;
        while (lo <= hi) {
            long mid = (lo + hi) >>> 1;
            long v = ids.get(mid);
            if (v < id) {
                lo = mid + 1;
            } else if (v > id) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }
}
