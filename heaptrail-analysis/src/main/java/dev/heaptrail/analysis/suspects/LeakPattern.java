package dev.heaptrail.analysis.suspects;

/** The leak patterns heaptrail names, each with its usual fix. */
public enum LeakPattern {
    STATIC_COLLECTION("unbounded-static-collection", "unbounded collection in a static field",
            "bound it (an LRU or size-capped cache, or Caffeine with maximumSize/expireAfterAccess) or remove entries when they are done"),
    THREAD_LOCAL("thread-local-in-pooled-thread", "ThreadLocal values accumulating in pooled threads",
            "call ThreadLocal.remove() in a finally block at the end of each task; pooled threads never end, so their ThreadLocals are never freed"),
    CAPTURING_LISTENER("capturing-listener", "listener or callback capturing large objects, never removed",
            "unregister the listener when its owner is done, or capture only what the callback needs (not this, not the whole object)"),
    EXECUTOR_BACKLOG("executor-queue-backlog", "executor queue backlog",
            "use a bounded queue with a rejection policy (or backpressure) so that producers cannot outrun the workers"),
    UNREMOVABLE_KEYS("unremovable-hash-keys", "hash set or map whose keys changed after they were added",
            "keep the fields that equals/hashCode use final (or leave mutable fields out of them); to change a key, remove it first and add it back after"),
    CLASS_LOADER("class-loader-leak", "class loaders kept alive after their application was undeployed",
            "find what still references the old loader (a static in a shared class, a thread, a ThreadLocal, a JDBC driver) and clear it on undeploy"),
    COLLECTION("growing-collection", "a collection that keeps growing",
            "check why entries are added but never removed; bound the collection or remove entries when they are done"),
    LARGE_OBJECT("large-object", "one large object",
            "check whether it must be this large, and whether whatever holds it should let it go sooner");

    private final String id;
    private final String title;
    private final String advice;

    LeakPattern(String id, String title, String advice) {
        this.id = id;
        this.title = title;
        this.advice = advice;
    }

    /** Stable identifier for JSON and scripts, e.g. {@code unbounded-static-collection}. */
    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    /** The one-line fix. */
    public String advice() {
        return advice;
    }
}
