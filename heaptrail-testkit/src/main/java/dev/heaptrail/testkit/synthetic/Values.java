package dev.heaptrail.testkit.synthetic;

/** Field and array values as the dump encodes them: raw bits in a long, written big-endian. */
final class Values {

    private Values() {}

    /**
     * The bits of {@code value} as a value of {@code type}; {@code what} names the field for the
     * message when the value does not fit. References are {@link Ref}s or null; numbers may be
     * any boxed integral type that fits.
     */
    static long bits(FieldType type, Object value, String what) {
        switch (type) {
            case OBJECT:
                if (value == null || value instanceof Ref) {
                    return value == null ? 0 : ((Ref) value).id();
                }
                break;
            case BOOLEAN:
                if (value instanceof Boolean b) {
                    return b ? 1 : 0;
                }
                break;
            case CHAR:
                if (value instanceof Character c) {
                    return c;
                }
                break;
            case FLOAT:
                if (value instanceof Float f) {
                    return Float.floatToRawIntBits(f) & 0xffffffffL;
                }
                break;
            case DOUBLE:
                if (value instanceof Double || value instanceof Float) {
                    return Double.doubleToRawLongBits(((Number) value).doubleValue());
                }
                break;
            default:
                if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
                    long v = ((Number) value).longValue();
                    int bits = type.size() * 8;
                    if (bits == 64 || (v >= -(1L << (bits - 1)) && v < (1L << (bits - 1)))) {
                        return v;
                    }
                }
                break;
        }
        throw new IllegalArgumentException(what + " is " + article(type) + "; "
                + (value == null ? "null" : value.getClass().getSimpleName() + " " + value) + " does not fit");
    }

    private static String article(FieldType type) {
        return type == FieldType.OBJECT ? "a reference" : type == FieldType.INT ? "an int"
                : "a " + type.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static final java.util.Map<Class<?>, FieldType> BOXED = java.util.Map.of(Boolean.class, FieldType.BOOLEAN,
            Character.class, FieldType.CHAR, Byte.class, FieldType.BYTE, Short.class, FieldType.SHORT, Integer.class, FieldType.INT,
            Long.class, FieldType.LONG, Float.class, FieldType.FLOAT, Double.class, FieldType.DOUBLE);

    /** The type a static field takes from its value: a reference for a Ref or null. */
    static FieldType typeOf(Object value) {
        if (value == null || value instanceof Ref) {
            return FieldType.OBJECT;
        }
        FieldType boxed = BOXED.get(value.getClass());
        if (boxed == null) {
            throw new IllegalArgumentException("not a field value: " + value.getClass().getName()
                    + " (a Ref, null, or a boxed primitive)");
        }
        return boxed;
    }

    /** The elements of a Java primitive array ({@code int[]}...) as the dump holds them: big-endian. */
    static byte[] bigEndian(FieldType type, Object javaArray) {
        int n = java.lang.reflect.Array.getLength(javaArray);
        byte[] out = new byte[n * type.size()];
        for (int i = 0; i < n; i++) {
            Object v = java.lang.reflect.Array.get(javaArray, i);
            long bits = v instanceof Boolean z ? (z ? 1 : 0)
                    : v instanceof Character c ? c
                    : v instanceof Float f ? Float.floatToRawIntBits(f)
                    : v instanceof Double d ? Double.doubleToRawLongBits(d)
                    : ((Number) v).longValue();
            put(out, i * type.size(), type.size(), bits);
        }
        return out;
    }

    /** Writes {@code bits} as {@code size} big-endian bytes at {@code at}. */
    static void put(byte[] out, int at, int size, long bits) {
        for (int i = size - 1; i >= 0; i--) {
            out[at + i] = (byte) bits;
            bits >>>= 8;
        }
    }
}
