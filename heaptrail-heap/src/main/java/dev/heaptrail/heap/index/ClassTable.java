package dev.heaptrail.heap.index;

import dev.heaptrail.heap.internal.DumpNames;
import dev.heaptrail.hprof.BasicType;
import dev.heaptrail.hprof.HeapRecord;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;

import java.util.ArrayList;
import java.util.List;

/**
 * The classes of a dump as an index numbers them: the CLASS DUMPs in the order given, then
 * stand-ins for classes the dump names but never describes. Also where each class's strong
 * references sit in an instance's field bytes. Safe for several reading threads.
 */
final class ClassTable {

    private static final String REFERENCE = "java.lang.ref.Reference";

    private final DumpNames names;
    private final int idSize;
    private final List<IndexedClass> classes = new ArrayList<>();
    private final Long2IntOpenHashMap byId = new Long2IntOpenHashMap();
    /** Per class index: offsets of strong reference fields in an instance's field bytes, or null until needed. */
    private final List<int[]> referenceOffsets = new ArrayList<>();

    ClassTable(DumpNames names, int idSize) {
        this.names = names;
        this.idSize = idSize;
        byId.defaultReturnValue(-1);
    }

    /** Adds a described class (a second CLASS DUMP of the same id is ignored); returns its index. */
    synchronized int add(HeapRecord.ClassDump d) {
        int known = byId.get(d.objectId());
        if (known >= 0) {
            return known;
        }
        List<IndexedClass.Field> fields = new ArrayList<>();
        for (HeapRecord.FieldDescriptor f : d.instanceFields()) {
            fields.add(new IndexedClass.Field(name(f.nameId()), f.type(), 0));
        }
        List<IndexedClass.Field> statics = new ArrayList<>();
        for (HeapRecord.StaticField f : d.staticFields()) {
            statics.add(new IndexedClass.Field(name(f.nameId()), f.type(), f.value()));
        }
        int index = classes.size();
        classes.add(new IndexedClass(index, d.objectId(), names.className(d.objectId()), d.superClassId(),
                d.classLoaderId(), List.copyOf(fields), List.copyOf(statics)));
        referenceOffsets.add(null);
        byId.put(d.objectId(), index);
        return index;
    }

    private String name(long id) {
        String s = names.stringOrNull(id);
        return s == null ? "<unnamed 0x" + Long.toHexString(id) + ">" : s;
    }

    /** The index of a described class, or -1. */
    synchronized int known(long classId) {
        return byId.get(classId);
    }

    /** The class index of a name, creating a stand-in when the dump has no CLASS DUMP of it. */
    synchronized int byName(String javaName) {
        int found = knownByName(javaName);
        return found >= 0 ? found : standIn(0, javaName);
    }

    /** The index of the class with this name, or -1. */
    synchronized int knownByName(String javaName) {
        for (IndexedClass c : classes) {
            if (c.name().equals(javaName)) {
                return c.index();
            }
        }
        return -1;
    }

    /** The class index of an id, creating a stand-in for an object of a class the dump never described. */
    synchronized int byId(long classId) {
        int i = byId.get(classId);
        if (i >= 0) {
            return i;
        }
        int index = standIn(classId, names.className(classId));
        byId.put(classId, index);
        return index;
    }

    private int standIn(long classId, String name) {
        int index = classes.size();
        classes.add(new IndexedClass(index, classId, name, 0, 0, List.of(), List.of()));
        referenceOffsets.add(new int[0]);
        return index;
    }

    /**
     * Whether every superclass of class {@code c} is described: only then are its instances'
     * reference offsets final (an instance read before its superclass's CLASS DUMP is not).
     */
    synchronized boolean hierarchyKnown(int c) {
        IndexedClass k = classes.get(c);
        for (int depth = 0; depth < 256; depth++) {
            if (k.superId() == 0) {
                return true;
            }
            int s = byId.get(k.superId());
            if (s < 0) {
                return false;
            }
            k = classes.get(s);
        }
        return true;
    }

    /**
     * Where an instance's strong references sit in its field bytes: its class's fields first, then
     * each superclass's. The referent of a java.lang.ref.Reference is left out: it is weak.
     */
    synchronized int[] referenceOffsets(int c) {
        int[] cached = referenceOffsets.get(c);
        if (cached != null) {
            return cached;
        }
        List<Integer> offsets = new ArrayList<>();
        int at = 0;
        IndexedClass k = classes.get(c);
        for (int depth = 0; k != null && depth < 256; depth++) {
            boolean reference = k.name().equals(REFERENCE);
            for (IndexedClass.Field f : k.instanceFields()) {
                if (f.type() == BasicType.OBJECT && !(reference && f.name().equals("referent"))) {
                    offsets.add(at);
                }
                at += f.type().sizeInFile(idSize);
            }
            int s = byId.get(k.superId());
            k = s < 0 ? null : classes.get(s);
        }
        int[] result = offsets.stream().mapToInt(Integer::intValue).toArray();
        referenceOffsets.set(c, result);
        return result;
    }

    synchronized int size() {
        return classes.size();
    }

    synchronized List<IndexedClass> classes() {
        return List.copyOf(classes);
    }
}
