package dev.heaptrail.heap.index;

import dev.heaptrail.heap.store.NodeArray;

/** The incoming references of every object, as rows turned over from the outgoing ones. */
final class IncomingRows {

    private IncomingRows() {}

    /** {start (n + 1 entries), sources}: the referrers of object v are sources[start[v], start[v + 1]). */
    static NodeArray[] of(NodeArray outStart, NodeArray outTargets, long n, NodeArray.Factory arrays,
                          NodeArray.Factory scratch) {
        long total = outStart.get(n);
        NodeArray start = arrays.create(n + 1, total);
        for (long e = 0; e < total; e++) {
            long t = outTargets.get(e) + 1;
            start.set(t, start.get(t) + 1);
        }
        for (long i = 1; i <= n; i++) {
            start.set(i, start.get(i) + start.get(i - 1));
        }
        NodeArray cursor = scratch.create(n, total);
        for (long i = 0; i < n; i++) {
            cursor.set(i, start.get(i));
        }
        NodeArray sources = arrays.create(Math.max(1, total), n);
        long e = 0;
        for (long v = 0; v < n; v++) {
            for (long end = outStart.get(v + 1); e < end; e++) {
                long t = outTargets.get(e);
                long at = cursor.get(t);
                sources.set(at, v);
                cursor.set(t, at + 1);
            }
        }
        scratch.release(cursor);
        return new NodeArray[] {start, sources};
    }
}
