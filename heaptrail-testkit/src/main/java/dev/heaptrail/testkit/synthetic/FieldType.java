package dev.heaptrail.testkit.synthetic;

/**
 * The value types of HPROF field descriptors and arrays, with the byte each has in the file and
 * the JVM descriptor letter ({@code I} for int, {@code L} for a reference). The testkit keeps its
 * own copy: it depends on no heaptrail module.
 */
public enum FieldType {
    OBJECT(2, 8, 'L'),
    BOOLEAN(4, 1, 'Z'),
    CHAR(5, 2, 'C'),
    FLOAT(6, 4, 'F'),
    DOUBLE(7, 8, 'D'),
    BYTE(8, 1, 'B'),
    SHORT(9, 2, 'S'),
    INT(10, 4, 'I'),
    LONG(11, 8, 'J');

    private final int code;
    private final int size;
    private final char descriptor;

    FieldType(int code, int size, char descriptor) {
        this.code = code;
        this.size = size;
        this.descriptor = descriptor;
    }

    /** The type's byte in the file. */
    public int code() {
        return code;
    }

    /** Bytes a value takes in the file (a reference: the dump's 8-byte id). */
    public int size() {
        return size;
    }

    /** Bytes a value takes in a JDK 17 object with compressed oops: for sizes and addresses. */
    int sizeInHeap() {
        return this == OBJECT ? 4 : size;
    }

    public char descriptor() {
        return descriptor;
    }

    /** The type of a descriptor letter ({@code L} or {@code [} for references). */
    public static FieldType ofDescriptor(char c) {
        for (FieldType t : values()) {
            if (t.descriptor == c) {
                return t;
            }
        }
        if (c == '[') {
            return OBJECT;
        }
        throw new IllegalArgumentException("not a field descriptor letter: " + c);
    }

    /** The primitive array class name of this type, e.g. {@code byte[]}. */
    String arrayClassName() {
        if (this == OBJECT) {
            throw new IllegalArgumentException("not a primitive type");
        }
        return name().toLowerCase(java.util.Locale.ROOT) + "[]";
    }
}
