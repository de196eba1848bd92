package dev.heaptrail.heap.graph;

import dev.heaptrail.heap.index.ObjectKind;
import dev.heaptrail.hprof.BasicType;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * An array of primitives: its type, length, and its first elements read as Java arrays. Reads are
 * bounded by the caller ({@code ints(100)}): an array of a billion elements is never read whole
 * by accident.
 */
public record HeapPrimitiveArray(HeapGraph graph, long number) implements HeapObject {

    public HeapPrimitiveArray {
        graph.requireKind(number, ObjectKind.PRIMITIVE_ARRAY);
    }

    /** The element type, from the array's class ({@code int[]} holds INT). */
    public BasicType type() {
        String name = className();
        String element = name.endsWith("[]") ? name.substring(0, name.length() - 2) : name;
        for (BasicType t : BasicType.values()) {
            if (t != BasicType.OBJECT && t.javaName().equals(element)) {
                return t;
            }
        }
        throw new IllegalStateException("a primitive array of class " + name); // the index names each by its type
    }

    public int length() {
        return (int) (graph.contents().length(number) / type().size());
    }

    /** The first {@code max} elements (fewer when shorter) of a byte[] or boolean[], as the dump holds them. */
    public byte[] bytes(int max) {
        return prefix(max, BasicType.BYTE, BasicType.BOOLEAN).array();
    }

    public boolean[] booleans(int max) {
        byte[] b = prefix(max, BasicType.BOOLEAN).array();
        boolean[] out = new boolean[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i] != 0;
        }
        return out;
    }

    public char[] chars(int max) {
        ByteBuffer b = prefix(max, BasicType.CHAR);
        char[] out = new char[b.capacity() / 2];
        b.asCharBuffer().get(out);
        return out;
    }

    public short[] shorts(int max) {
        ByteBuffer b = prefix(max, BasicType.SHORT);
        short[] out = new short[b.capacity() / 2];
        b.asShortBuffer().get(out);
        return out;
    }

    public int[] ints(int max) {
        ByteBuffer b = prefix(max, BasicType.INT);
        int[] out = new int[b.capacity() / 4];
        b.asIntBuffer().get(out);
        return out;
    }

    public long[] longs(int max) {
        ByteBuffer b = prefix(max, BasicType.LONG);
        long[] out = new long[b.capacity() / 8];
        b.asLongBuffer().get(out);
        return out;
    }

    public float[] floats(int max) {
        ByteBuffer b = prefix(max, BasicType.FLOAT);
        float[] out = new float[b.capacity() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }

    public double[] doubles(int max) {
        ByteBuffer b = prefix(max, BasicType.DOUBLE);
        double[] out = new double[b.capacity() / 8];
        b.asDoubleBuffer().get(out);
        return out;
    }

    /**
     * The bytes of the first {@code max} elements, big-endian as the dump holds them; the type must
     * be one of {@code expected}.
     */
    private ByteBuffer prefix(int max, BasicType... expected) {
        BasicType type = type();
        if (!List.of(expected).contains(type)) {
            throw new IllegalStateException(className() + " is not a " + expected[0].javaName() + "[]");
        }
        long bytes = Math.min((long) Math.max(0, max), length()) * type.size();
        byte[] read = graph.contents().read(number, 0, (int) Math.min(Integer.MAX_VALUE - 8, bytes));
        return ByteBuffer.wrap(read.clone()); // the cache's own array is never handed out
    }

    /** None: primitives hold no objects. */
    @Override
    public List<HeapReference> referents() {
        return List.of();
    }

    @Override
    public String toString() {
        return className() + "(" + length() + ")@0x" + Long.toHexString(address());
    }
}
