package dev.heaptrail.heap.graph;

import dev.heaptrail.heap.index.HeapIndex;
import dev.heaptrail.heap.index.IndexedClass;
import dev.heaptrail.hprof.BasicType;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * A class of the dump: its name, superclasses, loader, static fields and instances. A class the
 * dump names but never describes (a stand-in) has no superclass, fields or statics; when the dump
 * holds no object for it either, its {@link #number()} is -1.
 *
 * @param classIndex its position in {@link HeapIndex#classes()}
 */
public record HeapClass(HeapGraph graph, int classIndex) implements HeapObject {

    /** Longest superclass chain followed: a corrupt dump may hold a cycle. */
    private static final int MAX_DEPTH = 256;

    public HeapClass {
        Objects.requireNonNull(graph, "graph");
        Objects.checkIndex(classIndex, graph.index().classes().size());
    }

    IndexedClass indexed() {
        return graph.index().classes().get(classIndex);
    }

    /** The class's name as Java source spells it, e.g. {@code java.util.HashMap$Node}, {@code int[]}. */
    public String name() {
        return indexed().name();
    }

    @Override
    public long number() {
        long id = indexed().classId();
        return id == 0 ? -1 : graph.index().objectNumber(id);
    }

    /** The class object's id in the dump (0 for a stand-in the dump gives no id). */
    @Override
    public long address() {
        return indexed().classId();
    }

    /** java.lang.Class. */
    @Override
    public HeapClass heapClass() {
        return graph.classClass();
    }

    /** {@code java.lang.Class}: the class object's class (its own name is {@link #name()}). */
    @Override
    public String className() {
        return heapClass().name();
    }

    public Optional<HeapClass> superclass() {
        long superId = indexed().superId();
        return superId == 0 ? Optional.empty() : Optional.ofNullable(graph.classAt(superId));
    }

    /** The superclass, its superclass, and so on up to java.lang.Object (this class not included). */
    public Stream<HeapClass> superclasses() {
        return Stream.iterate(superclass(), Optional::isPresent, c -> c.get().superclass()).limit(MAX_DEPTH).map(Optional::get);
    }

    /** Whether this class is {@code other} or extends it, as {@code instanceof} would say. */
    public boolean isSubclassOf(HeapClass other) {
        return equals(other) || superclasses().anyMatch(other::equals);
    }

    /** Whether this class or a superclass is named {@code className}. */
    public boolean isSubclassOf(String className) {
        return name().equals(className) || superclasses().anyMatch(c -> c.name().equals(className));
    }

    /** The class loader that defined this class; empty for the boot loader (and a loader the dump does not hold). */
    public Optional<HeapInstance> classLoader() {
        long loader = indexed().loaderId();
        return loader == 0 ? Optional.empty() : graph.objectAt(loader).flatMap(HeapObject::asInstance);
    }

    /** The static field of this name declared by this class (not its superclasses). */
    public Optional<HeapValue> staticField(String name) {
        for (IndexedClass.Field f : indexed().staticFields()) {
            if (f.name().equals(name)) {
                return Optional.of(new HeapValue(graph, f.type(), f.staticValue()));
            }
        }
        return Optional.empty();
    }

    /** The static fields this class declares, as the dump lists them (with the dumper's own, e.g. {@code <resolved_references>}). */
    public List<HeapField> staticFields() {
        List<HeapField> fields = new ArrayList<>();
        for (IndexedClass.Field f : indexed().staticFields()) {
            fields.add(new HeapField(this, f.name(), new HeapValue(graph, f.type(), f.staticValue())));
        }
        return fields;
    }

    /** The names of the instance fields this class declares (not its superclasses'), in the dump's order. */
    public List<String> instanceFieldNames() {
        return indexed().instanceFields().stream().map(IndexedClass.Field::name).toList();
    }

    /**
     * The objects whose class is exactly this one (not a subclass), as the class histogram counts
     * them: instances, arrays of an array class, class objects of java.lang.Class. A lazy walk over
     * the index.
     */
    public Stream<HeapObject> instances() {
        return numbers().mapToObj(graph::object);
    }

    /** How many objects {@link #instances()} has; a walk over the index, no I/O. */
    public long instanceCount() {
        return numbers().count();
    }

    private LongStream numbers() {
        HeapIndex index = graph.index();
        return LongStream.range(0, index.objectCount()).filter(o -> index.classIndexOf(o) == classIndex);
    }

    /** Its superclass, class loader and the objects its static fields hold. */
    @Override
    public List<HeapReference> referents() {
        List<HeapReference> out = new ArrayList<>();
        superclass().filter(s -> s.number() >= 0).ifPresent(s -> out.add(new HeapReference(this, "<superclass>", s)));
        long loader = indexed().loaderId();
        if (loader != 0) {
            graph.objectAt(loader).ifPresent(l -> out.add(new HeapReference(this, "<class loader>", l)));
        }
        for (IndexedClass.Field f : indexed().staticFields()) {
            if (f.type() == BasicType.OBJECT && f.staticValue() != 0) {
                graph.objectAt(f.staticValue()).ifPresent(o -> out.add(new HeapReference(this, f.name(), o)));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "class " + name() + "@0x" + Long.toHexString(address());
    }
}
