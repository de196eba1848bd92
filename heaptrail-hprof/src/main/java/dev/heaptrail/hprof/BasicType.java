package dev.heaptrail.hprof;

/** Value types as HPROF encodes them in field descriptors and primitive arrays. */
public enum BasicType {
    OBJECT(2, -1, "Object", 'L'),
    BOOLEAN(4, 1, "boolean", 'Z'),
    CHAR(5, 2, "char", 'C'),
    FLOAT(6, 4, "float", 'F'),
    DOUBLE(7, 8, "double", 'D'),
    BYTE(8, 1, "byte", 'B'),
    SHORT(9, 2, "short", 'S'),
    INT(10, 4, "int", 'I'),
    LONG(11, 8, "long", 'J');

    private static final BasicType[] BY_VALUE = new BasicType[12];

    static {
        for (BasicType t : values()) {
            BY_VALUE[t.value] = t;
        }
    }

    private final int value;
    private final int size;
    private final String javaName;
    private final char descriptor;

    BasicType(int value, int size, String javaName, char descriptor) {
        this.value = value;
        this.size = size;
        this.javaName = javaName;
        this.descriptor = descriptor;
    }

    public int value() {
        return value;
    }

    /** Size in bytes in the file; -1 for OBJECT, whose size is the dump's identifier size. */
    public int size() {
        return size;
    }

    /** Size in bytes of a value of this type in the file, given the identifier size. */
    public int sizeInFile(int idSize) {
        return this == OBJECT ? idSize : size;
    }

    /** The Java keyword for primitives ({@code byte}), or {@code Object}. */
    public String javaName() {
        return javaName;
    }

    /** The JVM descriptor letter ({@code B} for byte, {@code L} for objects). */
    public char descriptor() {
        return descriptor;
    }

    /** The type with this HPROF value, or null when the value is not a type. */
    public static BasicType ofValueOrNull(int value) {
        return value >= 0 && value < BY_VALUE.length ? BY_VALUE[value] : null;
    }

    /** The primitive type for a descriptor letter, or null. */
    public static BasicType ofDescriptorOrNull(char c) {
        for (BasicType t : values()) {
            if (t.descriptor == c && t != OBJECT) {
                return t;
            }
        }
        return null;
    }
}
