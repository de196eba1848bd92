package dev.heaptrail.heap.graph;

/**
 * A reference from one object to another, named by what holds it in {@code from}: a field's
 * name, an array index ({@code [3]}), or for a class {@code <superclass>}, {@code <class loader>}
 * or a static field's name.
 */
public record HeapReference(HeapObject from, String name, HeapObject to) {

    @Override
    public String toString() {
        return from + " ." + name + " -> " + to;
    }
}
