package dev.heaptrail.heap.graph;

import dev.heaptrail.hprof.BasicType;

import java.util.Objects;
import java.util.Optional;

/**
 * A field value, static value or array element: its type and its bits, as one long. Bits are
 * sign-extended for byte, short, int and long, unsigned for char, 0 or 1 for boolean, the IEEE
 * bits for float (zero-extended) and double, the object's id for a reference (0 for null): two
 * values of the same type are equal when their bits are.
 *
 * <p>The typed getters throw {@link IllegalStateException} when the type does not fit (asking a
 * reference for an int is a bug of the caller), never because of the dump: a reference to an id the
 * dump does not hold reads as {@link Optional#empty()}.
 */
public record HeapValue(HeapGraph graph, BasicType type, long bits) {

    public HeapValue {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(type, "type");
        bits = switch (type) {
            case BOOLEAN -> (bits & 0xff) != 0 ? 1 : 0;
            case BYTE -> (byte) bits;
            case CHAR -> (char) bits;
            case SHORT -> (short) bits;
            case INT -> (int) bits;
            case FLOAT -> bits & 0xffffffffL;
            case LONG, DOUBLE, OBJECT -> bits;
        };
    }

    public boolean isReference() {
        return type == BasicType.OBJECT;
    }

    /** True for a null reference. */
    public boolean isNull() {
        return type == BasicType.OBJECT && bits == 0;
    }

    /**
     * The object a reference points at; empty for null, for an id the dump holds no object for, and
     * for a primitive.
     */
    public Optional<HeapObject> asObject() {
        return type == BasicType.OBJECT && bits != 0 ? graph.objectAt(bits) : Optional.empty();
    }

    /** As {@link #asObject}, when the object is an instance. */
    public Optional<HeapInstance> asInstance() {
        return asObject().flatMap(HeapObject::asInstance);
    }

    /** A byte, short, char or int value. */
    public int asInt() {
        return (int) integral(BasicType.BYTE, BasicType.SHORT, BasicType.CHAR, BasicType.INT);
    }

    /** A byte, short, char, int or long value. */
    public long asLong() {
        return integral(BasicType.BYTE, BasicType.SHORT, BasicType.CHAR, BasicType.INT, BasicType.LONG);
    }

    public boolean asBoolean() {
        return integral(BasicType.BOOLEAN) != 0;
    }

    public byte asByte() {
        return (byte) integral(BasicType.BYTE);
    }

    public short asShort() {
        return (short) integral(BasicType.BYTE, BasicType.SHORT);
    }

    public char asChar() {
        return (char) integral(BasicType.CHAR);
    }

    public float asFloat() {
        return Float.intBitsToFloat((int) integral(BasicType.FLOAT));
    }

    /** A double, or a float widened. */
    public double asDouble() {
        return type == BasicType.FLOAT ? asFloat() : Double.longBitsToDouble(integral(BasicType.DOUBLE));
    }

    private long integral(BasicType... allowed) {
        for (BasicType t : allowed) {
            if (t == type) {
                return bits;
            }
        }
        throw new IllegalStateException("the value is " + describeType() + ", not " + allowed[allowed.length - 1].javaName());
    }

    private String describeType() {
        return type == BasicType.OBJECT ? "a reference" : "a " + type.javaName();
    }

    @Override
    public String toString() {
        return switch (type) {
            case OBJECT -> bits == 0 ? "null" : "0x" + Long.toHexString(bits);
            case BOOLEAN -> Boolean.toString(bits != 0);
            case CHAR -> "'" + (char) bits + "'";
            case FLOAT -> Float.toString(asFloat());
            case DOUBLE -> Double.toString(asDouble());
            default -> type.javaName() + " " + bits;
        };
    }
}
