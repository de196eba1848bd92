package dev.heaptrail.heap.internal;

import dev.heaptrail.heap.ObjectLayout;

/** The object layouts a HotSpot JVM can have; one of them wrote the dump. Most common first. */
public final class LayoutCandidates {

    public static final ObjectLayout[] ALL = {
        new ObjectLayout(12, 4, false, 8),  // default: compressed oops and class pointers
        new ObjectLayout(12, 8, false, 8),  // -XX:-UseCompressedOops or heap > 32 GB
        new ObjectLayout(8, 4, true, 8),    // -XX:+UseCompactObjectHeaders (JDK 24+), 32-bit JVMs
        new ObjectLayout(16, 8, false, 8),  // -XX:-UseCompressedClassPointers, JDK 21 and older
        new ObjectLayout(16, 8, true, 8),   // the same, JDK 22+
        new ObjectLayout(16, 4, false, 8),
        new ObjectLayout(16, 4, true, 8),
        new ObjectLayout(8, 8, true, 8),
    };

    public static final int COUNT = ALL.length;

    private LayoutCandidates() {}
}
