package dev.heaptrail.alloc;

/** Which profiler wrote a recording; its JSON name is {@link #id()}. */
public enum Source {
    JFR("jfr"),
    ASYNC_PROFILER("async-profiler");

    private final String id;

    Source(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
