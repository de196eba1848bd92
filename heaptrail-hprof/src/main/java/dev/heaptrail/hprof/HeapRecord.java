package dev.heaptrail.hprof;

import java.util.List;

/**
 * A sub-record of a HEAP DUMP or HEAP DUMP SEGMENT: a GC root, a class, an instance or an array.
 * Object contents are referenced by their offset in the (uncompressed) dump; they are read into
 * the record only when the visitor asks for them ({@link HprofVisitor#wantsContent(long)}).
 */
public sealed interface HeapRecord {

    /** The object this record describes or points at. */
    long objectId();

    /**
     * A GC root. {@code threadSerial} is -1 for kinds without a thread, {@code frame} -1 for kinds
     * without a frame; {@code extraId} is the JNI global reference id (JNI GLOBAL) or the stack
     * trace serial (THREAD OBJECT), else 0.
     */
    record GcRoot(HeapTag kind, long objectId, int threadSerial, int frame, long extraId) implements HeapRecord {}

    record ClassDump(long objectId, int stackTraceSerial, long superClassId, long classLoaderId,
                     long signersId, long protectionDomainId, int instanceSize,
                     List<ConstantPoolEntry> constantPool, List<StaticField> staticFields,
                     List<FieldDescriptor> instanceFields) implements HeapRecord {}

    /** A value in the file's encoding: object ids and primitives as raw bits in a long. */
    record ConstantPoolEntry(int index, BasicType type, long value) {}

    record StaticField(long nameId, BasicType type, long value) {}

    record FieldDescriptor(long nameId, BasicType type) {}

    /**
     * An instance. {@code fieldValues} holds the {@code fieldsLength} bytes at {@code fieldsOffset}
     * (the class's fields, then its superclasses') when asked for, otherwise null.
     */
    record InstanceDump(long objectId, int stackTraceSerial, long classId, long fieldsOffset,
                        int fieldsLength, byte[] fieldValues) implements HeapRecord {}

    /** An array of references; {@code elements} is null unless asked for. */
    record ObjectArrayDump(long objectId, int stackTraceSerial, long arrayClassId, int length,
                           long elementsOffset, long[] elements) implements HeapRecord {}

    /** An array of primitives; {@code elements} (big-endian bytes) is null unless asked for. */
    record PrimitiveArrayDump(long objectId, int stackTraceSerial, BasicType type, int length,
                              long elementsOffset, byte[] elements) implements HeapRecord {}
}
