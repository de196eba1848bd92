package dev.heaptrail.hprof.internal;

import dev.heaptrail.hprof.BasicType;
import dev.heaptrail.hprof.HeapRecord;
import dev.heaptrail.hprof.HeapTag;
import dev.heaptrail.hprof.HprofFormatException;
import dev.heaptrail.hprof.HprofVisitor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the sub-records of one HEAP DUMP or HEAP DUMP SEGMENT. This is the hot loop of every
 * pass over a dump: it reads the fixed-size head of each object and skips its contents by length
 * unless the visitor wants them, so the work per object is a few buffer reads.
 */
public final class HeapDumpParser {

    private final HprofInput in;
    private final HprofVisitor visitor;
    private final int idSize;
    private final boolean inPlace;
    /** By tag: the parser of each sub-record kind (ROOT UNKNOWN, tag 0xFF, apart). */
    private final SubRecord[] subRecords = new SubRecord[0x30];
    private final SubRecord unknownRoot;

    /** Instances this large (rare: thousands of fields) are copied, as the buffer could not hold them whole. */
    private static final int IN_PLACE_MAX = 64 << 10;

    public HeapDumpParser(HprofInput in, HprofVisitor visitor) {
        this.in = in;
        this.visitor = visitor;
        this.idSize = in.idSize();
        this.inPlace = visitor.wantsFieldsInPlace();
        int id = idSize;
        subRecords[0x21] = new InstanceDump();
        subRecords[0x22] = new ObjectArrayDump();
        subRecords[0x23] = new PrimitiveArrayDump();
        subRecords[0x20] = new ClassDump();
        subRecords[0x01] = new Root(HeapTag.ROOT_JNI_GLOBAL, id + id, false, false, true);
        subRecords[0x02] = new Root(HeapTag.ROOT_JNI_LOCAL, id + 8, true, true, false);
        subRecords[0x03] = new Root(HeapTag.ROOT_JAVA_FRAME, id + 8, true, true, false);
        subRecords[0x04] = new Root(HeapTag.ROOT_NATIVE_STACK, id + 4, true, false, false);
        subRecords[0x05] = new Root(HeapTag.ROOT_STICKY_CLASS, id, false, false, false);
        subRecords[0x06] = new Root(HeapTag.ROOT_THREAD_BLOCK, id + 4, true, false, false);
        subRecords[0x07] = new Root(HeapTag.ROOT_MONITOR_USED, id, false, false, false);
        subRecords[0x08] = new ThreadObjectRoot();
        unknownRoot = new Root(HeapTag.ROOT_UNKNOWN, id, false, false, false);
    }

    /**
     * One kind of sub-record. The loop calls them from one call site that sees many kinds, so the
     * JIT compiles each on its own instead of inlining all of them and the visitor into the loop:
     * small units compile several times faster, and a pass with another visitor recompiles only
     * the kind it traps in, not the whole loop.
     */
    private abstract static class SubRecord { // not an interface: a virtual call costs less than an interface call
        abstract void parse(long at, long end) throws IOException;
    }

    // Classes, not lambdas: lambdas are generated at start-up, and generating them costs more than they save.
    private final class InstanceDump extends SubRecord {
        @Override
        void parse(long at, long end) throws IOException {
            in.require(2 * idSize + 8, "INSTANCE DUMP");
            long object = in.id();
            int stack = in.i4();
            long classId = in.id();
            long length = in.u4();
            checkContent(at, length, end);
            checkReadable(at, length);
            long offset = in.position();
            if (visitor.wantsContent(HeapTag.INSTANCE_DUMP, object)) {
                if (inPlace && length <= IN_PLACE_MAX) {
                    in.require((int) length, "INSTANCE DUMP fields");
                    visitor.instanceInPlace(object, classId, offset, in.view(), in.bufferPosition(), (int) length);
                    in.skip(length, "INSTANCE DUMP fields");
                    return;
                }
                byte[] content = new byte[(int) length];
                in.readFully(content, 0, content.length, "INSTANCE DUMP fields");
                visitor.instance(new HeapRecord.InstanceDump(object, stack, classId, offset, (int) length, content));
            } else {
                in.skip(length, "INSTANCE DUMP fields");
                visitor.instanceHead(object, stack, classId, offset, (int) length);
            }
        }
    }

    private final class ObjectArrayDump extends SubRecord {
        @Override
        void parse(long at, long end) throws IOException {
            in.require(2 * idSize + 8, "OBJECT ARRAY DUMP");
            long object = in.id();
            int stack = in.i4();
            long length = in.u4();
            long classId = in.id();
            checkReadable(at, length);
            long bytes = length * idSize;
            checkContent(at, bytes, end);
            long offset = in.position();
            if (visitor.wantsContent(HeapTag.OBJECT_ARRAY_DUMP, object)) {
                long[] elements = new long[(int) length];
                for (int i = 0; i < elements.length; i++) {
                    in.require(idSize, "OBJECT ARRAY DUMP elements");
                    elements[i] = in.id();
                }
                visitor.objectArray(new HeapRecord.ObjectArrayDump(object, stack, classId, (int) length, offset, elements));
            } else {
                in.skip(bytes, "OBJECT ARRAY DUMP elements");
                visitor.objectArrayHead(object, stack, classId, (int) length, offset);
            }
        }
    }

    private final class PrimitiveArrayDump extends SubRecord {
        @Override
        void parse(long at, long end) throws IOException {
            in.require(idSize + 9, "PRIMITIVE ARRAY DUMP");
            long object = in.id();
            int stack = in.i4();
            long length = in.u4();
            int typeByte = in.u1();
            BasicType type = BasicType.ofValueOrNull(typeByte);
            if (type == null || type == BasicType.OBJECT) {
                throw new HprofFormatException(in.file(), at, "PRIMITIVE ARRAY DUMP has element type " + typeByte
                        + "; expected 4 to 11 (boolean to long)");
            }
            checkReadable(at, length);
            long bytes = length * type.size();
            checkContent(at, bytes, end);
            long offset = in.position();
            if (visitor.wantsContent(HeapTag.PRIMITIVE_ARRAY_DUMP, object)) {
                checkReadable(at, bytes);
                byte[] elements = new byte[(int) bytes];
                in.readFully(elements, 0, elements.length, "PRIMITIVE ARRAY DUMP elements");
                visitor.primitiveArray(new HeapRecord.PrimitiveArrayDump(object, stack, type, (int) length, offset, elements));
            } else {
                in.skip(bytes, "PRIMITIVE ARRAY DUMP elements");
                visitor.primitiveArrayHead(object, stack, type, (int) length, offset);
            }
        }
    }

    private final class ClassDump extends SubRecord {
        @Override
        void parse(long at, long end) throws IOException {
            String what = "CLASS DUMP";
            in.require(7 * idSize + 10, what);
            long classId = in.id();
            int stack = in.i4();
            long superId = in.id();
            long loader = in.id();
            long signers = in.id();
            long domain = in.id();
            in.id(); // reserved
            in.id(); // reserved
            int instanceSize = in.i4();
            int cpCount = in.u2();
            List<HeapRecord.ConstantPoolEntry> pool = cpCount == 0 ? List.of() : new ArrayList<>(cpCount);
            for (int i = 0; i < cpCount; i++) {
                in.require(3, what);
                int index = in.u2();
                BasicType type = type(at, in.u1());
                pool.add(new HeapRecord.ConstantPoolEntry(index, type, value(type, what)));
                checkBound(at, end);
            }
            in.require(2, what);
            int staticCount = in.u2();
            List<HeapRecord.StaticField> statics = staticCount == 0 ? List.of() : new ArrayList<>(staticCount);
            for (int i = 0; i < staticCount; i++) {
                in.require(idSize + 1, what);
                long name = in.id();
                BasicType type = type(at, in.u1());
                statics.add(new HeapRecord.StaticField(name, type, value(type, what)));
                checkBound(at, end);
            }
            in.require(2, what);
            int fieldCount = in.u2();
            List<HeapRecord.FieldDescriptor> fields = fieldCount == 0 ? List.of() : new ArrayList<>(fieldCount);
            for (int i = 0; i < fieldCount; i++) {
                in.require(idSize + 1, what);
                long name = in.id();
                fields.add(new HeapRecord.FieldDescriptor(name, type(at, in.u1())));
                checkBound(at, end);
            }
            visitor.classDump(new HeapRecord.ClassDump(classId, stack, superId, loader, signers, domain, instanceSize,
                    pool, statics, fields));
        }
    }

    private final class ThreadObjectRoot extends SubRecord {
        @Override
        void parse(long at, long end) throws IOException {
            threadObjectRoot(at);
        }
    }

    private final class Root extends SubRecord {
        private final HeapTag kind;
        private final int size;
        private final boolean thread;
        private final boolean frame;
        private final boolean jni;

        Root(HeapTag kind, int size, boolean thread, boolean frame, boolean jni) {
            this.kind = kind;
            this.size = size;
            this.thread = thread;
            this.frame = frame;
            this.jni = jni;
        }

        @Override
        void parse(long at, long end) throws IOException {
            root(kind, at, size, thread, frame, jni);
        }
    }

    public void parse(long end, ProgressTicker ticker) throws IOException {
        while (in.position() < end) {
            long at = in.position();
            in.require(1, "heap dump sub-record tag");
            int tag = in.u1();
            SubRecord parser = tag < 0x30 ? subRecords[tag] : tag == 0xFF ? unknownRoot : null;
            if (parser == null) {
                throw new HprofFormatException(in.file(), at, String.format(
                        "unknown heap dump sub-record tag 0x%02x: expected a GC root, CLASS, INSTANCE or ARRAY DUMP (corrupt file?)", tag));
            }
            parser.parse(at, end);
            if (in.position() > end) {
                throw overrun(at, end);
            }
            ticker.tick();
        }
    }

    private HprofFormatException overrun(long at, long end) {
        return new HprofFormatException(in.file(), at, "heap dump sub-record runs past the end of its segment at byte "
                + end + " (corrupt segment length or record)");
    }

    private void checkContent(long at, long contentBytes, long end) throws HprofFormatException {
        if (contentBytes < 0 || in.position() + contentBytes > end) {
            throw overrun(at, end);
        }
    }

    /** No JVM object has more than 2^31 elements or field bytes: a larger count is corrupt. */
    private void checkReadable(long at, long count) throws HprofFormatException {
        if (count > Integer.MAX_VALUE - 16) {
            throw new HprofFormatException(in.file(), at, "object of " + count + " elements or bytes is larger than any JVM object (corrupt length)");
        }
    }

    private void root(HeapTag kind, long at, int size, boolean thread, boolean frame, boolean jni) throws IOException {
        in.require(size, kind.label());
        long object = in.id();
        long extra = jni ? in.id() : 0;
        int threadSerial = thread ? in.i4() : -1;
        int frameNumber = frame ? in.i4() : -1;
        visitor.gcRoot(new HeapRecord.GcRoot(kind, object, threadSerial, frameNumber, extra));
    }

    private void threadObjectRoot(long at) throws IOException {
        in.require(idSize + 8, "ROOT THREAD OBJECT");
        long object = in.id();
        int threadSerial = in.i4();
        int stackSerial = in.i4();
        visitor.gcRoot(new HeapRecord.GcRoot(HeapTag.ROOT_THREAD_OBJECT, object, threadSerial, -1, stackSerial));
    }

    private void checkBound(long at, long end) throws HprofFormatException {
        if (in.position() > end) {
            throw overrun(at, end);
        }
    }

    private long value(BasicType type, String what) throws IOException {
        int size = type.sizeInFile(idSize);
        in.require(size, what);
        return type == BasicType.OBJECT ? in.id() : in.value(size);
    }

    private BasicType type(long at, int value) throws HprofFormatException {
        BasicType type = BasicType.ofValueOrNull(value);
        if (type == null) {
            throw new HprofFormatException(in.file(), at, "CLASS DUMP has a field of type " + value
                    + "; expected 2 (object) or 4 to 11 (boolean to long)");
        }
        return type;
    }
}
