package dev.heaptrail.testkit.synthetic;

/**
 * An array of a {@link SyntheticHeap}: of references (elements as ids, 0 for null) or of
 * primitives (elements as the dump holds them, big-endian).
 */
public final class ArrayDef implements Ref {

    private final long id;
    private final ClassDef arrayClass;
    private final FieldType elementType;
    private final int length;
    /** Element bits, for an array of references; else null. */
    private final long[] ids;
    /** Element bytes, for an array of primitives; else null. */
    private final byte[] data;

    ArrayDef(long id, ClassDef arrayClass, long[] ids) {
        this(id, arrayClass, FieldType.OBJECT, ids.length, ids, null);
    }

    ArrayDef(long id, ClassDef arrayClass, FieldType elementType, int length, byte[] data) {
        this(id, arrayClass, elementType, length, null, data);
    }

    private ArrayDef(long id, ClassDef arrayClass, FieldType elementType, int length, long[] ids, byte[] data) {
        this.id = id;
        this.arrayClass = arrayClass;
        this.elementType = elementType;
        this.length = length;
        this.ids = ids;
        this.data = data;
    }

    @Override
    public long id() {
        return id;
    }

    public ClassDef arrayClass() {
        return arrayClass;
    }

    public FieldType elementType() {
        return elementType;
    }

    public int length() {
        return length;
    }

    /** Sets element {@code index} of an array of references (for cycles: set it once the element exists). */
    public ArrayDef set(int index, Ref element) {
        if (ids == null) {
            throw new IllegalStateException(arrayClass.name() + " holds primitives, not references");
        }
        ids[index] = element == null ? 0 : element.id();
        return this;
    }

    long[] ids() {
        return ids;
    }

    byte[] data() {
        return data;
    }

    /** The array's size in a JDK 17 heap with compressed oops: a 16-byte header and its elements, 8-aligned. */
    long heapSize() {
        return SyntheticHeap.align(16L + (long) length * elementType.sizeInHeap());
    }

    @Override
    public String toString() {
        return arrayClass.name() + "(" + length + ") @0x" + Long.toHexString(id);
    }
}
