package dev.heaptrail.demo;

import java.util.LinkedHashMap;
import java.util.Map;

/** A bounded LRU of recently visited pages: it stops growing at its capacity, so it is no leak. */
final class RecentPages extends LinkedHashMap<String, Long> {

    private static final long serialVersionUID = 1L;
    private final int capacity;

    RecentPages(int capacity) {
        super(16, 0.75f, true);
        this.capacity = capacity;
    }

    void visit(String page) {
        merge(page, 1L, Long::sum);
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
        return size() > capacity;
    }
}
