package dev.heaptrail.heap.index;

import dev.heaptrail.heap.ClassHistogramBuilder;
import dev.heaptrail.heap.internal.ClassNames;
import dev.heaptrail.heap.internal.DumpNames;
import dev.heaptrail.heap.store.NodeArray;
import dev.heaptrail.hprof.BasicType;
import dev.heaptrail.hprof.HeapRecord;
import dev.heaptrail.hprof.HeapTag;
import dev.heaptrail.hprof.HprofHeader;
import dev.heaptrail.hprof.HprofRecord;
import dev.heaptrail.hprof.HprofVisitor;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a dump once for its index, numbering objects in the order the dump lists them: each
 * object's class, kind and contents are known as it is read, and its references are kept as the
 * ids the dump gives, to be turned into numbers once all ids are known and sorted
 * ({@link SinglePassIndex}). The histogram is fed from the same read.
 *
 * <p>This needs every object's class (and its superclasses) described before the object, as the
 * JVM's dumper writes them; a dump that does otherwise is {@link Unsuitable} and is
 * indexed in two passes instead.
 */
final class SinglePass implements HprofVisitor {

    /** Why a dump cannot be indexed in its own order. */
    static final class Unsuitable extends RuntimeException {
        Unsuitable(String why) {
            super(why, null, false, false);
        }
    }

    final ClassHistogramBuilder histogram;
    final DumpNames names;
    final List<HeapRecord.ClassDump> classDumps = new ArrayList<>();
    final List<HeapRecord.GcRoot> rootRecords = new ArrayList<>();
    final RootFrames frames = new RootFrames();
    /** By object number: the id, class index (0 for a class object, fixed later), contents, reference count. */
    final Column ids;
    final Column classOf;
    final Column contentOffset;
    final Column contentLength;
    final Column referenceCount;
    final KindColumn kinds = new KindColumn();
    /** The ids each object references, the objects one after the other. */
    final Column references;
    /** The reference offsets each class's instances were read with, by class index: checked at the end. */
    final Int2ObjectOpenHashMap<int[]> offsetsUsed = new Int2ObjectOpenHashMap<>();
    /** The class index of each primitive array type, by its type value; -1 until met. */
    final int[] primitiveArrayClass = new int[12];
    private ClassTable classes;
    int idSize = 8;
    /** The most elements of any array read. */
    long longestArray;
    /** Instances and object arrays by class index: each references its class. */
    private int[] instances = new int[64];
    /** References of the object being read, so far. */
    private int pending;
    private final long[] cachedClassId = new long[4096];
    private final int[] cachedClassIndex = new int[4096];
    private final int[][] cachedOffsets = new int[4096][];

    /** The columns kept in the index from {@code arrays}, the others from {@code scratch}. */
    SinglePass(DumpNames names, NodeArray.Factory arrays, NodeArray.Factory scratch) {
        this.names = names;
        this.histogram = new ClassHistogramBuilder(names);
        ids = new Column(arrays, Long.MAX_VALUE);
        classOf = new Column(arrays, Integer.MAX_VALUE);
        contentOffset = new Column(arrays, Long.MAX_VALUE);
        contentLength = new Column(arrays, Long.MAX_VALUE);
        referenceCount = new Column(arrays, Integer.MAX_VALUE);
        references = new Column(scratch, Long.MAX_VALUE);
        Arrays.fill(primitiveArrayClass, -1);
        classes = new ClassTable(names, idSize);
    }

    @Override
    public void header(HprofHeader header) {
        idSize = header.idSize();
        classes = new ClassTable(names, idSize);
        histogram.header(header);
    }

    @Override
    public void record(HprofRecord record, long offset) {
        histogram.record(record, offset);
        frames.record(record);
    }

    @Override
    public void gcRoot(HeapRecord.GcRoot root) {
        histogram.gcRoot(root);
        rootRecords.add(root);
        frames.root(root);
    }

    @Override
    public boolean wantsContent(HeapTag kind, long objectId) {
        return kind != HeapTag.PRIMITIVE_ARRAY_DUMP;
    }

    @Override
    public boolean wantsFieldsInPlace() {
        return true;
    }

    @Override
    public void classDump(HeapRecord.ClassDump d) {
        histogram.classDump(d);
        classDumps.add(d);
        classes.add(d);
        object(d.objectId(), 0, ObjectKind.CLASS, 0, 0);
        reference(d.superClassId());
        reference(d.classLoaderId());
        reference(d.signersId());
        reference(d.protectionDomainId());
        for (HeapRecord.StaticField f : d.staticFields()) {
            if (f.type() == BasicType.OBJECT) {
                reference(f.value());
            }
        }
        for (HeapRecord.ConstantPoolEntry e : d.constantPool()) {
            if (e.type() == BasicType.OBJECT) {
                reference(e.value());
            }
        }
    }

    @Override
    public void instanceInPlace(long objectId, long classId, long fieldsOffset, ByteBuffer fields, int at, int length) {
        histogram.instanceHead(objectId, 0, classId, fieldsOffset, length);
        int slot = (int) ((classId * 0x9E3779B97F4A7C15L) >>> 52); // ids of class mirrors share low bits
        if (cachedClassId[slot] != classId || cachedOffsets[slot] == null) { // an empty slot matches id 0 (or -1)
            int c = describedClass(classId, objectId);
            if (!classes.hierarchyKnown(c)) {
                throw new Unsuitable("object 0x" + Long.toHexString(objectId)
                        + " comes before the CLASS DUMP of one of its superclasses");
            }
            cachedClassId[slot] = classId;
            cachedClassIndex[slot] = c;
            cachedOffsets[slot] = classes.referenceOffsets(c);
            offsetsUsed.putIfAbsent(c, cachedOffsets[slot]);
        }
        object(objectId, cachedClassIndex[slot], ObjectKind.INSTANCE, fieldsOffset, length);
        if (fields == null) {
            return;
        }
        for (int offset : cachedOffsets[slot]) {
            if (offset + idSize <= length) {
                reference(idSize == 8 ? fields.getLong(at + offset) : fields.getInt(at + offset) & 0xffffffffL);
            }
        }
    }

    @Override
    public void instance(HeapRecord.InstanceDump d) {
        byte[] values = d.fieldValues();
        instanceInPlace(d.objectId(), d.classId(), d.fieldsOffset(), values == null ? null : ByteBuffer.wrap(values), 0,
                d.fieldsLength());
    }

    @Override
    public void objectArray(HeapRecord.ObjectArrayDump d) {
        histogram.objectArrayHead(d.objectId(), d.stackTraceSerial(), d.arrayClassId(), d.length(), d.elementsOffset());
        longestArray = Math.max(longestArray, d.length());
        object(d.objectId(), describedClass(d.arrayClassId(), d.objectId()), ObjectKind.OBJECT_ARRAY, d.elementsOffset(),
                (long) d.length() * idSize);
        if (d.elements() != null) {
            for (long e : d.elements()) {
                reference(e);
            }
        }
    }

    @Override
    public void primitiveArrayHead(long objectId, int stack, BasicType type, int length, long elementsOffset) {
        histogram.primitiveArrayHead(objectId, stack, type, length, elementsOffset);
        int c = primitiveArrayClass[type.value()];
        if (c < 0) {
            c = classes.knownByName(ClassNames.primitiveArray(type));
            if (c < 0) {
                throw new Unsuitable("object 0x" + Long.toHexString(objectId) + " comes before the CLASS DUMP of "
                        + ClassNames.primitiveArray(type));
            }
            primitiveArrayClass[type.value()] = c;
        }
        longestArray = Math.max(longestArray, length);
        object(objectId, c, ObjectKind.PRIMITIVE_ARRAY, elementsOffset, (long) length * type.size());
    }

    private int describedClass(long classId, long objectId) {
        int c = classes.known(classId);
        if (c < 0) {
            throw new Unsuitable("object 0x" + Long.toHexString(objectId) + " comes before the CLASS DUMP of its class 0x"
                    + Long.toHexString(classId));
        }
        return c;
    }

    /** How many instances (or arrays, for an array class) of class {@code c} were read. */
    long instancesOf(int c) {
        return c < instances.length ? instances[c] & 0xffffffffL : 0;
    }

    private void object(long id, int classIndex, ObjectKind kind, long offset, long length) {
        if (kind == ObjectKind.INSTANCE || kind == ObjectKind.OBJECT_ARRAY) {
            if (classIndex >= instances.length) {
                instances = Arrays.copyOf(instances, Math.max(classIndex + 1, 2 * instances.length));
            }
            instances[classIndex]++;
        }
        if (ids.size() > 0) {
            referenceCount.add(pending); // the previous object's
        }

        pending = 0;
        ids.add(id);
        classOf.add(classIndex);
        kinds.add((byte) kind.ordinal());
        contentOffset.add(offset);
        contentLength.add(length);
    }

    /** Ends the read: the last object's references are counted. */
    void complete() {
        if (ids.size() > referenceCount.size()) {
            referenceCount.add(pending);
        }
    }

    private void reference(long id) {
        if (id != 0) {
            references.add(id);
            pending++;
        }
    }
}
