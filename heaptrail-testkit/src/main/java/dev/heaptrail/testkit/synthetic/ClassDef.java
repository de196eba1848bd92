package dev.heaptrail.testkit.synthetic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A class of a {@link SyntheticHeap}: its name as Java source spells it, superclass, loader,
 * instance fields in declaration order and static fields with their values. Its fields are fixed
 * once it has an instance or a subclass has one; statics may be set at any time. The dump lists a
 * class's fields as JDK 17's HotSpot does: in reverse declaration order.
 */
public final class ClassDef implements Ref {

    /** An instance field: its name and type. */
    public record Field(String name, FieldType type) {}

    /** A static field and its value's bits. */
    record Static(String name, FieldType type, long bits) {}

    /** Where an instance field's value sits in an instance's field bytes. */
    record Slot(ClassDef declaring, Field field, int offset) {}

    private final SyntheticHeap heap;
    private final long id;
    private final String name;
    private final ClassDef superclass;
    private Ref loader;
    private final List<Field> fields = new ArrayList<>();
    private final Map<String, Static> statics = new LinkedHashMap<>();
    /** This class's fields, then each superclass's, as an instance's bytes hold them; null until fixed. */
    private List<Slot> slots;

    ClassDef(SyntheticHeap heap, long id, String name, ClassDef superclass) {
        this.heap = heap;
        this.id = id;
        this.name = name;
        this.superclass = superclass;
    }

    @Override
    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** The superclass, or null for java.lang.Object. */
    public ClassDef superclass() {
        return superclass;
    }

    /** The class loader instance, or null for the boot loader. */
    public Ref loader() {
        return loader;
    }

    /** Declares an instance field (after the ones declared before it). */
    public ClassDef field(String fieldName, FieldType type) {
        if (slots != null) {
            throw new IllegalStateException("the fields of " + name + " are fixed: it (or a subclass) has instances");
        }
        for (Field f : fields) {
            if (f.name().equals(fieldName)) {
                throw new IllegalArgumentException(name + " declares " + fieldName + " twice");
            }
        }
        fields.add(new Field(fieldName, type));
        return this;
    }

    /**
     * Sets a static field, declaring it on first use with the type of its value: a reference for a
     * {@link Ref}, null or a {@code String} (written as a java.lang.String), else the boxed
     * primitive's type.
     */
    public ClassDef staticField(String fieldName, Object value) {
        Object v = value instanceof String s ? heap.string(s) : value;
        Static known = statics.get(fieldName);
        return staticField(fieldName, known != null ? known.type() : Values.typeOf(v), v);
    }

    /** Sets a static field of the given type ({@code staticField("COUNT", FieldType.LONG, 3)}). */
    public ClassDef staticField(String fieldName, FieldType type, Object value) {
        Object v = value instanceof String s && type == FieldType.OBJECT ? heap.string(s) : value;
        statics.put(fieldName, new Static(fieldName, type, Values.bits(type, v, name + "." + fieldName)));
        return this;
    }

    /** Makes {@code loaderInstance} this class's defining loader (not a sticky root then). */
    public ClassDef loader(Ref loaderInstance) {
        this.loader = loaderInstance;
        return this;
    }

    /** The fields this class declares, in declaration order. */
    public List<Field> fields() {
        return List.copyOf(fields);
    }

    /** The fields as the dump lists them: HotSpot writes the last declared first. */
    List<Field> fieldsInDumpOrder() {
        List<Field> reversed = new ArrayList<>(fields);
        java.util.Collections.reverse(reversed);
        return reversed;
    }

    List<Static> statics() {
        return List.copyOf(statics.values());
    }

    /** Fixes the fields of this class and its superclasses; returns where each sits. */
    List<Slot> slots() {
        if (slots == null) {
            List<Slot> all = new ArrayList<>();
            int at = 0;
            for (Field f : fieldsInDumpOrder()) {
                all.add(new Slot(this, f, at));
                at += f.type().size();
            }
            if (superclass != null) {
                for (Slot s : superclass.slots()) {
                    all.add(new Slot(s.declaring(), s.field(), at + s.offset()));
                }
            }
            slots = List.copyOf(all);
        }
        return slots;
    }

    /** Bytes of an instance's fields in the dump. */
    int instanceFieldBytes() {
        List<Slot> all = slots();
        return all.isEmpty() ? 0 : all.get(all.size() - 1).offset() + all.get(all.size() - 1).field().type().size();
    }

    /** An instance's size in a JDK 17 heap with compressed oops, roughly: its header and fields, 8-aligned. */
    long heapSize() {
        long bytes = 12;
        for (Slot s : slots()) {
            bytes += s.field().type().sizeInHeap();
        }
        return SyntheticHeap.align(bytes);
    }

    @Override
    public String toString() {
        return "class " + name + " @0x" + Long.toHexString(id);
    }
}
