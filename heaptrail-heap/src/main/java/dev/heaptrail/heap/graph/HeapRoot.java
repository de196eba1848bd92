package dev.heaptrail.heap.graph;

import dev.heaptrail.hprof.HeapTag;

import java.util.Optional;

/**
 * A GC root: the object it keeps alive and its kind ({@link HeapTag#ROOT_JAVA_FRAME},
 * {@link HeapTag#ROOT_STICKY_CLASS}...); for a root of a thread (its stack, or the thread object
 * itself), the thread; for a stack root, the frame when the dump says
 * ({@code "com.example.Worker.run(Worker.java:42)"}).
 */
public record HeapRoot(HeapObject object, HeapTag kind, Optional<HeapInstance> thread, Optional<String> frame) {}
