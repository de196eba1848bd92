package dev.heaptrail.heap.graph;

import java.util.List;
import java.util.Optional;

/**
 * An object of the dump: an instance, a class, or an array of references or of primitives. A
 * handle on the index (a graph and an object number), cheap to make; what it reads comes from the
 * dump when asked (does I/O, through the graph's cache). Equal when the graph and the number are.
 */
public sealed interface HeapObject permits HeapInstance, HeapClass, HeapObjectArray, HeapPrimitiveArray {

    HeapGraph graph();

    /** The object's number in the index (see {@link dev.heaptrail.heap.index.HeapIndex}); -1 for a class the dump names but holds no object for. */
    long number();

    /** The object's id in the dump (its address when dumped). */
    default long address() {
        return graph().index().address(number());
    }

    /** The name of the object's class as Java source spells it: {@code java.util.HashMap}, {@code byte[]}, {@code java.lang.Object[]}. */
    default String className() {
        return graph().index().classOf(number()).name();
    }

    /** The object's class (for a class object, java.lang.Class). */
    default HeapClass heapClass() {
        return new HeapClass(graph(), graph().index().classIndexOf(number()));
    }

    /** Bytes the object took in the JVM's heap, under the layout the index inferred. */
    default long shallowSize() {
        return number() < 0 ? 0 : graph().index().shallowSize(number());
    }

    /**
     * The objects this one holds, each with the field, array index ({@code [3]}) or class part
     * ({@code <superclass>}, {@code <class loader>}, a static field's name) that holds it: as the index
     * counts references, without the weak referent of a java.lang.ref.Reference and without an
     * object's own class. References to ids the dump does not hold are left out. Does I/O.
     */
    List<HeapReference> referents();

    /**
     * The objects that hold this one (the index's incoming references), each with the field or
     * index it is held by. Reads every holder's contents: an object held from many places costs
     * as many reads.
     */
    default List<HeapReference> referrers() {
        return graph().referrers(this);
    }

    default Optional<HeapInstance> asInstance() {
        return this instanceof HeapInstance i ? Optional.of(i) : Optional.empty();
    }

    default Optional<HeapClass> asClass() {
        return this instanceof HeapClass c ? Optional.of(c) : Optional.empty();
    }

    default Optional<HeapObjectArray> asObjectArray() {
        return this instanceof HeapObjectArray a ? Optional.of(a) : Optional.empty();
    }

    default Optional<HeapPrimitiveArray> asPrimitiveArray() {
        return this instanceof HeapPrimitiveArray a ? Optional.of(a) : Optional.empty();
    }
}
