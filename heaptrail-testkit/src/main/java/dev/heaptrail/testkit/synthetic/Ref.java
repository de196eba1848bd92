package dev.heaptrail.testkit.synthetic;

/**
 * An object of a {@link SyntheticHeap}: a class, an instance or an array, known by its id (the
 * address the dump gives it). A field, array element or static that holds a {@code Ref} holds a
 * reference to that object; {@code null} is a null reference.
 */
public interface Ref {

    /** The object's id in the dump. */
    long id();
}
