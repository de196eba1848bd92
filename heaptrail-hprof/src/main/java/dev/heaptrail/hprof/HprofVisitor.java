package dev.heaptrail.hprof;

/**
 * Receives the records of a dump in file order. Every method has an empty default, so a visitor
 * implements only what it needs. Methods run on the reading thread; an exception thrown here
 * stops the read and propagates out of {@link HprofReader#accept}.
 */
public interface HprofVisitor {

    default void header(HprofHeader header) {}

    /** A top-level record; {@code offset} is where its tag byte is in the (uncompressed) file. */
    default void record(HprofRecord record, long offset) {}

    default void gcRoot(HeapRecord.GcRoot root) {}

    default void classDump(HeapRecord.ClassDump classDump) {}

    default void instance(HeapRecord.InstanceDump instance) {}

    default void objectArray(HeapRecord.ObjectArrayDump array) {}

    default void primitiveArray(HeapRecord.PrimitiveArrayDump array) {}

    /**
     * Whether the contents (field bytes or array elements) of this object are wanted in its record.
     * Called once per instance or array; keep it cheap. Default: no, contents are skipped.
     */
    default boolean wantsContent(long objectId) {
        return false;
    }
}
