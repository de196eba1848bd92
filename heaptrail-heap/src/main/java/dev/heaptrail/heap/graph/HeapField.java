package dev.heaptrail.heap.graph;

/** A field of an instance or a static field of a class, with the class that declares it and its value. */
public record HeapField(HeapClass declaringClass, String name, HeapValue value) {

    @Override
    public String toString() {
        return declaringClass.name() + "." + name + " = " + value;
    }
}
