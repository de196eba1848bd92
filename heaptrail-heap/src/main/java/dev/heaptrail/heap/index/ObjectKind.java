package dev.heaptrail.heap.index;

/** What a heap object is. */
public enum ObjectKind {
    INSTANCE, OBJECT_ARRAY, PRIMITIVE_ARRAY, CLASS
}
