package dev.heaptrail.heap.index;

import dev.heaptrail.hprof.HeapTag;

/**
 * A GC root as the index keeps it.
 *
 * @param object       the rooted object's number
 * @param kind         the root kind (ROOT_JAVA_FRAME, ROOT_STICKY_CLASS, ...)
 * @param threadSerial the thread it belongs to, or -1
 * @param frame        for a stack root, the frame that holds it ("Handler.run(Handler.java:42)"),
 *                     when the dump says; else null
 */
public record GcRootEntry(long object, HeapTag kind, int threadSerial, String frame) {}
