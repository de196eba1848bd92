package dev.heaptrail.heap.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A factory for tests: makes its arrays with another, or refuses past a number of them as the
 * mapped factory does on a full disk, and remembers what it made, on which thread, what came back,
 * and what is still held. Safe to call from several threads.
 */
public final class CountingArrays implements NodeArray.Factory {

    public final List<NodeArray> made = Collections.synchronizedList(new ArrayList<>());
    public final List<String> threads = Collections.synchronizedList(new ArrayList<>());
    public final Set<NodeArray> released = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    public final Set<NodeArray> live = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    private final NodeArray.Factory inner;
    private final int limit;
    private final String refusal;
    private long largest;

    public CountingArrays(NodeArray.Factory inner) {
        this(inner, Integer.MAX_VALUE, null);
    }

    private CountingArrays(NodeArray.Factory inner, int limit, String refusal) {
        this.inner = inner;
        this.limit = limit;
        this.refusal = refusal;
    }

    /** Makes {@code limit} arrays, then throws an {@link UncheckedIOException} saying {@code why} for each one asked. */
    public static CountingArrays failingAfter(int limit, String why) {
        return new CountingArrays(NodeArray.Factory.DEFAULT, limit, why);
    }

    @Override
    public synchronized NodeArray create(long size, long maxValue) {
        if (made.size() >= limit) {
            throw new UncheckedIOException(new IOException(refusal));
        }
        NodeArray a = inner.create(size, maxValue);
        made.add(a);
        live.add(a);
        threads.add(Thread.currentThread().getName());
        largest = Math.max(largest, size);
        return a;
    }

    @Override
    public synchronized void release(NodeArray array) {
        assertThat(live.remove(array)).as("released once, and only arrays it made").isTrue();
        released.add(array);
        inner.release(array);
    }

    /** The most entries asked for in one array. */
    public synchronized long largest() {
        return largest;
    }
}
