package dev.heaptrail.hprof;

/**
 * A visitor that counts or indexes objects by their heads only ({@link #instanceHead} and the
 * array heads), whether or not another visitor in a {@link HprofVisitors#tee} made the reader
 * fetch their contents: records that come with contents are passed on as heads.
 */
public interface ObjectHeadVisitor extends HprofVisitor {

    @Override
    void instanceHead(long objectId, int stackTraceSerial, long classId, long fieldsOffset, int fieldsLength);

    @Override
    void objectArrayHead(long objectId, int stackTraceSerial, long arrayClassId, int length, long elementsOffset);

    @Override
    void primitiveArrayHead(long objectId, int stackTraceSerial, BasicType type, int length, long elementsOffset);

    @Override
    default void instance(HeapRecord.InstanceDump d) {
        instanceHead(d.objectId(), d.stackTraceSerial(), d.classId(), d.fieldsOffset(), d.fieldsLength());
    }

    @Override
    default void objectArray(HeapRecord.ObjectArrayDump d) {
        objectArrayHead(d.objectId(), d.stackTraceSerial(), d.arrayClassId(), d.length(), d.elementsOffset());
    }

    @Override
    default void primitiveArray(HeapRecord.PrimitiveArrayDump d) {
        primitiveArrayHead(d.objectId(), d.stackTraceSerial(), d.type(), d.length(), d.elementsOffset());
    }
}
