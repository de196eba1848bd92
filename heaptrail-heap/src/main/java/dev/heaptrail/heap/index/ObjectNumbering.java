package dev.heaptrail.heap.index;

import dev.heaptrail.heap.store.NodeArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects every object's id as pass one meets them, then sorts them: an object's number is its
 * id's rank. The ids are kept in chunks made by a scratch array factory (memory-mapped files once
 * the heap is short), each sorted on its own in a heap buffer of one chunk, then merged; so the
 * sort itself needs one chunk of heap, not 8 bytes an object. A dump is written in address order within a few
 * runs (class objects first, then the heap's spaces or regions), so the sort mostly checks order.
 */
final class ObjectNumbering {

    private static final int DEFAULT_CHUNK = 1 << 22;

    private final NodeArray.Factory scratch;
    private final NodeArray.Factory arrays;
    private final int chunkSize;
    private final List<NodeArray> chunks = new ArrayList<>();
    private NodeArray current;
    private int fill;
    private int capacity;
    private long total;

    /** Unsorted chunks from {@code scratch}, the sorted ids from {@code arrays}. */
    ObjectNumbering(NodeArray.Factory scratch, NodeArray.Factory arrays) {
        this(scratch, arrays, DEFAULT_CHUNK);
    }

    /** With chunks of {@code chunkSize} ids; small chunks let tests merge many cheaply. */
    ObjectNumbering(NodeArray.Factory scratch, NodeArray.Factory arrays, int chunkSize) {
        this.scratch = scratch;
        this.arrays = arrays;
        this.chunkSize = chunkSize;
    }

    void add(long id) {
        if (fill == capacity) {
            grow();
        }
        current.set(fill++, id);
        total++;
    }

    /** The first chunk starts small and doubles, as a {@link Column}'s: a small dump sorts a small array. */
    private void grow() {
        if (chunks.size() == 1 && capacity < chunkSize) {
            current = scratch.create(Math.min(chunkSize, 2L * capacity), Long.MAX_VALUE);
            NodeArray small = chunks.set(0, current);
            for (int i = 0; i < fill; i++) {
                current.set(i, small.get(i));
            }
            scratch.release(small);
        } else {
            current = scratch.create(chunks.isEmpty() ? Math.min(Column.FIRST, chunkSize) : chunkSize, Long.MAX_VALUE);
            chunks.add(current);
            fill = 0;
        }
        capacity = (int) current.size();
    }

    /**
     * The ids sorted, each once (a corrupt dump's duplicates collapse into one object), in an array
     * of exactly their count; the chunks are released.
     */
    NodeArray sortedUnique() {
        long[] buffer = new long[(int) Math.min(chunkSize, Math.max(1, total))];
        long[] size = new long[chunks.size()];
        for (int c = 0; c < chunks.size(); c++) {
            size[c] = Math.min(chunkSize, total - (long) c * chunkSize);
            sortChunk(chunks.get(c), (int) size[c], buffer);
        }
        NodeArray out = arrays.create(total, Long.MAX_VALUE);
        long n = merge(size, out);
        chunks.clear();
        current = null;
        if (n == total) {
            return out;
        }
        NodeArray exact = arrays.create(n, Long.MAX_VALUE);
        for (long i = 0; i < n; i++) {
            exact.set(i, out.get(i));
        }
        return exact;
    }

    private static void sortChunk(NodeArray chunk, int size, long[] buffer) {
        boolean sorted = true;
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < size; i++) {
            long v = chunk.get(i);
            sorted &= v >= previous;
            previous = v;
            buffer[i] = v;
        }
        if (sorted) {
            return;
        }
        int head = size - 1; // buffer[head, size) ascends
        while (head > 0 && buffer[head - 1] <= buffer[head]) {
            head--;
        }
        if (head <= size / 8) {
            // The usual dump: its classes in no order first, then the objects by address. Sort
            // the few, then merge them into the many, instead of sorting all of them again.
            Arrays.sort(buffer, 0, head);
            int a = 0;
            int b = head;
            for (int i = 0; i < size; i++) {
                chunk.set(i, b == size || a < head && buffer[a] <= buffer[b] ? buffer[a++] : buffer[b++]);
            }
            return;
        }
        Arrays.sort(buffer, 0, size); // finds and merges the sorted runs, when they are few
        for (int i = 0; i < size; i++) {
            chunk.set(i, buffer[i]);
        }
    }

    /**
     * Merges the sorted chunks into {@code out} without duplicates; returns how many ids it holds.
     * A min-heap of chunks by their next id; each step copies the smallest chunk's run up to the
     * next-smallest head, so ordered chunks are copied in long runs.
     */
    private long merge(long[] size, NodeArray out) {
        int k = chunks.size();
        long[] at = new long[k];
        long[] head = new long[k];
        int[] heap = new int[k];
        int live = 0;
        for (int c = 0; c < k; c++) {
            if (size[c] > 0) {
                head[c] = chunks.get(c).get(0);
                heap[live++] = c;
            }
        }
        for (int i = live / 2 - 1; i >= 0; i--) {
            siftDown(heap, live, i, head);
        }
        long n = 0;
        long last = 0;
        while (live > 0) {
            int best = heap[0];
            long limit = Long.MAX_VALUE;
            if (live > 1) {
                limit = head[heap[1]];
            }
            if (live > 2) {
                limit = Math.min(limit, head[heap[2]]);
            }
            NodeArray chunk = chunks.get(best);
            long i = at[best];
            long v = head[best];
            while (true) {
                if (n == 0 || v != last) {
                    out.set(n++, v);
                    last = v;
                }
                if (++i == size[best] || (v = chunk.get(i)) > limit) {
                    break;
                }
            }
            at[best] = i;
            if (i == size[best]) {
                heap[0] = heap[--live];
            } else {
                head[best] = v;
            }
            siftDown(heap, live, 0, head);
        }
        return n;
    }

    private static void siftDown(int[] heap, int live, int i, long[] head) {
        while (true) {
            int l = 2 * i + 1;
            if (l >= live) {
                return;
            }
            int m = l + 1 < live && head[heap[l + 1]] < head[heap[l]] ? l + 1 : l;
            if (head[heap[m]] >= head[heap[i]]) {
                return;
            }
            int t = heap[i];
            heap[i] = heap[m];
            heap[m] = t;
            i = m;
        }
    }
}
