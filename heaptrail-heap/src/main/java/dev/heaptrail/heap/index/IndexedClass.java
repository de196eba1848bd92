package dev.heaptrail.heap.index;

import dev.heaptrail.hprof.BasicType;

import java.util.List;

/**
 * A class of the dump as the index keeps it: its identity, its place in the hierarchy and its
 * declared fields by name (a class's own instance fields only; an instance's values, its class's and
 * superclasses', are read by {@link InstanceFields}).
 *
 * @param index    position in {@link HeapIndex#classes()}
 * @param classId  the class object's id in the dump
 * @param name     as Java source spells it
 * @param superId  the superclass's id, 0 for none
 */
public record IndexedClass(int index, long classId, String name, long superId, long loaderId,
                           List<Field> instanceFields, List<Field> staticFields) {

    /** A field: its name, type and, for static fields, its value (raw bits; an object id for references). */
    public record Field(String name, BasicType type, long staticValue) {}
}
