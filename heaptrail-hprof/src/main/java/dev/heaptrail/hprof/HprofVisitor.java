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
     * The hot path for an instance whose contents were not asked for: its record's fields, without
     * the record, so that a pass over tens of millions of objects allocates nothing per object.
     * The default builds the {@link HeapRecord.InstanceDump} and calls {@link #instance}.
     */
    default void instanceHead(long objectId, int stackTraceSerial, long classId, long fieldsOffset, int fieldsLength) {
        instance(new HeapRecord.InstanceDump(objectId, stackTraceSerial, classId, fieldsOffset, fieldsLength, null));
    }

    /** The hot path for an object array whose contents were not asked for; see {@link #instanceHead}. */
    default void objectArrayHead(long objectId, int stackTraceSerial, long arrayClassId, int length, long elementsOffset) {
        objectArray(new HeapRecord.ObjectArrayDump(objectId, stackTraceSerial, arrayClassId, length, elementsOffset, null));
    }

    /** The hot path for a primitive array whose contents were not asked for; see {@link #instanceHead}. */
    default void primitiveArrayHead(long objectId, int stackTraceSerial, BasicType type, int length, long elementsOffset) {
        primitiveArray(new HeapRecord.PrimitiveArrayDump(objectId, stackTraceSerial, type, length, elementsOffset, null));
    }

    /**
     * Whether the contents (field bytes or array elements) of this object are wanted in its record.
     * Called once per instance or array; keep it cheap. Default: no, contents are skipped.
     */
    default boolean wantsContent(long objectId) {
        return false;
    }

    /**
     * As {@link #wantsContent(long)}, knowing which kind of record the object is
     * ({@link HeapTag#INSTANCE_DUMP}, {@link HeapTag#OBJECT_ARRAY_DUMP} or
     * {@link HeapTag#PRIMITIVE_ARRAY_DUMP}): the reader asks this one.
     */
    default boolean wantsContent(HeapTag kind, long objectId) {
        return wantsContent(objectId);
    }

    /**
     * Whether {@link #instanceInPlace} is to receive the instances whose contents are wanted,
     * instead of {@link #instance}: no copy and no record per instance, for the hottest passes.
     */
    default boolean wantsFieldsInPlace() {
        return false;
    }

    /**
     * An instance's field bytes, in the dump's order and byte order (big-endian), as
     * {@code buffer[at, at + length)}: the reader's own buffer, valid only during this call; read it
     * with absolute gets and never keep it. Called instead of {@link #instance} when
     * {@link #wantsFieldsInPlace} and the contents are wanted.
     */
    default void instanceInPlace(long objectId, long classId, long fieldsOffset, java.nio.ByteBuffer buffer, int at,
                                 int length) {
        byte[] copy = new byte[length];
        buffer.get(at, copy, 0, length);
        instance(new HeapRecord.InstanceDump(objectId, 0, classId, fieldsOffset, length, copy));
    }
}
