package dev.heaptrail.testkit.synthetic;

import java.util.List;

/** An instance of a {@link SyntheticHeap}: its class and its field values (0 and null until set). */
public final class InstanceDef implements Ref {

    private final SyntheticHeap heap;
    private final long id;
    private final ClassDef type;
    private final List<ClassDef.Slot> slots;
    private final long[] bits;

    InstanceDef(SyntheticHeap heap, long id, ClassDef type) {
        this.heap = heap;
        this.id = id;
        this.type = type;
        this.slots = type.slots();
        this.bits = new long[slots.size()];
    }

    @Override
    public long id() {
        return id;
    }

    /** The instance's class. */
    public ClassDef type() {
        return type;
    }

    /**
     * Sets a field, the nearest declaration first (this class's, then its superclass's), as Java
     * resolves a name; a {@code String} value for a reference field is written as a java.lang.String.
     */
    public InstanceDef set(String field, Object value) {
        return set(null, field, value);
    }

    /** Sets the field {@code field} that {@code declaringClass} declares (for a shadowed name). */
    public InstanceDef set(String declaringClass, String field, Object value) {
        for (int i = 0; i < slots.size(); i++) {
            ClassDef.Slot s = slots.get(i);
            if (s.field().name().equals(field) && (declaringClass == null || s.declaring().name().equals(declaringClass))) {
                Object v = value instanceof String text && s.field().type() == FieldType.OBJECT ? heap.string(text) : value;
                bits[i] = Values.bits(s.field().type(), v, s.declaring().name() + "." + field);
                return this;
            }
        }
        throw new IllegalArgumentException(type.name() + " has no field " + (declaringClass == null ? "" : declaringClass + ".")
                + field);
    }

    /** The value bits of a field set before (see {@link #set}), for helpers that read back what they wrote. */
    long bits(String field) {
        for (int i = 0; i < slots.size(); i++) {
            if (slots.get(i).field().name().equals(field)) {
                return bits[i];
            }
        }
        throw new IllegalArgumentException(type.name() + " has no field " + field);
    }

    /** The field bytes as the dump holds them: this class's fields, then each superclass's. */
    byte[] fieldBytes() {
        byte[] out = new byte[type.instanceFieldBytes()];
        for (int i = 0; i < slots.size(); i++) {
            ClassDef.Slot s = slots.get(i);
            Values.put(out, s.offset(), s.field().type().size(), bits[i]);
        }
        return out;
    }

    @Override
    public String toString() {
        return type.name() + " @0x" + Long.toHexString(id);
    }
}
