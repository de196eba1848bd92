package dev.heaptrail.heap.graph;

import dev.heaptrail.heap.index.InstanceFields;
import dev.heaptrail.heap.index.ObjectKind;
import dev.heaptrail.hprof.BasicType;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An instance: its fields by name (its class's, then each superclass's), whether it is an
 * instance of a class, and what it means for the JDK's value classes (a String's text, a boxed
 * primitive's value).
 */
public record HeapInstance(HeapGraph graph, long number) implements HeapObject {

    private static final Set<String> BOXES = Set.of("java.lang.Integer", "java.lang.Long", "java.lang.Short",
            "java.lang.Byte", "java.lang.Character", "java.lang.Boolean", "java.lang.Float", "java.lang.Double");
    /** More than any class declares: what a corrupt length would make us read. */
    private static final int MAX_FIELD_BYTES = 1 << 20;

    public HeapInstance {
        graph.requireKind(number, ObjectKind.INSTANCE);
    }

    /**
     * Every field with its value: this class's, then each superclass's, each class's in the order
     * the dump lists them (HotSpot: the last declared first). A shadowed name comes twice, the
     * subclass's first. Does I/O.
     */
    public List<HeapField> fields() {
        List<HeapField> fields = new ArrayList<>();
        forEachField((declaring, name, value) -> {
            fields.add(new HeapField(declaring, name, value));
            return true;
        });
        return fields;
    }

    /**
     * The field of this name nearest this instance's class, as Java resolves it; or, written
     * {@code "Declaring.name"} ({@code "java.lang.Thread.name"} or {@code "Thread.name"}), the field a
     * given class declares. Empty when there is no such field. Does I/O.
     */
    public Optional<HeapValue> field(String name) {
        Optional<HeapValue> plain = find(null, name);
        int dot = name.lastIndexOf('.');
        return plain.isPresent() || dot < 0 ? plain : find(name.substring(0, dot), name.substring(dot + 1));
    }

    /** The field {@code name} declared by the class named {@code className} (its full or simple name). */
    public Optional<HeapValue> field(String className, String name) {
        return find(Objects.requireNonNull(className, "className"), name);
    }

    /** The object a reference field holds; empty for null, for an id that points nowhere, and for no such field. */
    public Optional<HeapObject> fieldObject(String name) {
        return field(name).flatMap(HeapValue::asObject);
    }

    private Optional<HeapValue> find(String declaringClass, String name) {
        HeapValue[] found = {null};
        forEachField((declaring, fieldName, value) -> {
            if (fieldName.equals(name) && (declaringClass == null || named(declaring.name(), declaringClass))) {
                found[0] = value;
                return false;
            }
            return true;
        });
        return Optional.ofNullable(found[0]);
    }

    private static boolean named(String className, String nameOrSimpleName) {
        return className.equals(nameOrSimpleName)
                || className.endsWith(nameOrSimpleName) && className.charAt(className.length() - nameOrSimpleName.length() - 1) == '.';
    }

    /**
     * Whether its class is {@code className} or extends it. Classes only: a dump does not say which
     * interfaces a class implements, so {@code instanceOf("java.util.Map")} is false for a HashMap.
     */
    public boolean instanceOf(String className) {
        return heapClass().isSubclassOf(className);
    }

    /** As {@link #instanceOf(String)}, for a class of the dump. */
    public boolean instanceOf(HeapClass c) {
        return heapClass().isSubclassOf(c);
    }

    /** For java.lang.Integer, Long, Short, Byte, Character, Boolean, Float and Double: the value. */
    public Optional<HeapValue> boxedValue() {
        return BOXES.contains(className()) ? field("value") : Optional.empty();
    }

    /** For a java.lang.String: its text. Empty for any other object, or a String whose value the dump lacks. */
    public Optional<String> readString() {
        return asString(Integer.MAX_VALUE);
    }

    /** For a java.lang.String: its first {@code maxChars} characters at most, read without the rest. */
    public Optional<String> asString(int maxChars) {
        return className().equals("java.lang.String") ? JavaStrings.read(this, maxChars) : Optional.empty();
    }

    /** The objects its reference fields hold; not the referent of a java.lang.ref.Reference, which is weak. */
    @Override
    public List<HeapReference> referents() {
        List<HeapReference> out = new ArrayList<>();
        forEachField((declaring, name, value) -> {
            if (value.isReference() && !value.isNull()
                    && !(name.equals("referent") && declaring.name().equals("java.lang.ref.Reference"))) {
                value.asObject().ifPresent(o -> out.add(new HeapReference(this, name, o)));
            }
            return true;
        });
        return out;
    }

    private interface FieldVisitor {
        boolean field(HeapClass declaring, String name, HeapValue value);
    }

    private void forEachField(FieldVisitor visitor) {
        int length = (int) Math.min(MAX_FIELD_BYTES, graph.contents().length(number));
        byte[] content = graph.contents().read(number, 0, length);
        int idSize = graph.idSize();
        new InstanceFields(graph.index()).forEachDeclared(number, content, (declaring, f, b, at) ->
                visitor.field(new HeapClass(graph, declaring.index()), f.name(), new HeapValue(graph, f.type(), bits(f.type(), b, at, idSize))));
    }

    static long bits(BasicType type, ByteBuffer b, int at, int idSize) {
        return switch (type.sizeInFile(idSize)) {
            case 1 -> b.get(at);
            case 2 -> b.getShort(at);
            case 4 -> type == BasicType.OBJECT ? b.getInt(at) & 0xffffffffL : b.getInt(at);
            default -> b.getLong(at);
        };
    }

    @Override
    public String toString() {
        return className() + "@0x" + Long.toHexString(address());
    }
}
