package dev.heaptrail.heap.graph;

import dev.heaptrail.heap.index.HeapIndex;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Object contents read back from the dump in windows of at most {@link #WINDOW} bytes, the
 * most recently used kept: an instance is one window, a big array as many as are read of it,
 * never all of it. Bounded in entries and in bytes. Safe for several threads: the lookups are
 * locked, the reads not.
 */
final class ContentCache {

    /** Bytes of contents read at a time: any instance, and a window of 8,192 references of an array. */
    static final int WINDOW = 64 << 10;

    private record Key(long object, long window) {}

    private final HeapIndex index;
    private final int maxEntries;
    private final long maxBytes;
    private final LinkedHashMap<Key, byte[]> recent = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    /**
     * A few hundred entries: a detector looks at one structure at a time (a map, its table, some
     * nodes and keys), which fits, and the bound holds the cache to {@code maxBytes} at most.
     */
    ContentCache(HeapIndex index, int maxEntries, long maxBytes) {
        this.index = index;
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /** Bytes of the object's contents in the dump (0 for a class object). */
    long length(long object) {
        return index.contents().length(object);
    }

    /**
     * Bytes [from, from + max) of the object's contents, fewer at their end; the array returned may
     * be the cache's own: read it, never write it. Does I/O when not cached.
     */
    byte[] read(long object, long from, int max) {
        long end = Math.min(length(object), from + (long) Math.max(0, max));
        if (from >= end) {
            return new byte[0];
        }
        long first = from / WINDOW;
        long last = (end - 1) / WINDOW;
        if (first == last && from % WINDOW == 0 && end == Math.min(length(object), (first + 1) * WINDOW)) {
            return window(object, first); // the common case: all of a small object, uncopied
        }
        byte[] out = new byte[(int) (end - from)];
        for (long w = first; w <= last; w++) {
            byte[] data = window(object, w);
            long start = Math.max(from, w * WINDOW);
            long stop = Math.min(end, w * WINDOW + data.length);
            if (stop > start) {
                System.arraycopy(data, (int) (start - w * WINDOW), out, (int) (start - from), (int) (stop - start));
            }
        }
        return out;
    }

    private byte[] window(long object, long w) {
        Key key = new Key(object, w);
        synchronized (this) {
            byte[] cached = recent.get(key);
            if (cached != null) {
                return cached;
            }
        }
        byte[] data;
        try {
            data = index.contents().readRange(object, w * WINDOW, WINDOW, index);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read object 0x" + Long.toHexString(index.address(object)) + " from "
                    + index.contents().file() + ": " + e.getMessage(), e);
        }
        synchronized (this) {
            if (recent.put(key, data) == null) {
                bytes += data.length;
            }
            var oldest = recent.entrySet().iterator();
            while ((recent.size() > maxEntries || bytes > maxBytes) && recent.size() > 1) {
                Map.Entry<Key, byte[]> e = oldest.next();
                bytes -= e.getValue().length;
                oldest.remove();
            }
        }
        return data;
    }
}
