package dev.heaptrail.live.watch;

/** Where memory can grow, in the words {@code growingIn} uses. */
public enum Area {
    /** The Java heap's floor after collections. */
    HEAP("heap"),
    /** Direct and mapped ByteBuffers. */
    OFF_HEAP("off-heap"),
    /** Class metadata: grows with classes loaded and not unloaded (class-loader leaks). */
    METASPACE("metaspace"),
    /** Resident memory the JVM's own figures do not explain: malloc by native code, thread stacks. */
    NATIVE("native"),
    /** A process's resident memory, when it is not an attached JVM. */
    RSS("rss");

    private final String label;

    Area(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
