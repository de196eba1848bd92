package dev.heaptrail.heap.internal;

import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;

/**
 * The dump's strings (UTF8 records) and which string names which class (LOAD CLASS records).
 * Filled by one thread before the heap is read; read-only, and so shareable, after that.
 */
public final class DumpNames {

    private final Long2ObjectOpenHashMap<String> strings = new Long2ObjectOpenHashMap<>();
    private final Long2LongOpenHashMap classNameIds = new Long2LongOpenHashMap();

    public void putString(long id, String value) {
        strings.put(id, value);
    }

    public void putClass(long classId, long nameId) {
        classNameIds.put(classId, nameId);
    }

    /** The string with this id, or null. */
    public String stringOrNull(long id) {
        return strings.get(id);
    }

    /** The class's name as Java source spells it, or "unknown class 0x…" when the dump does not name it. */
    public String className(long classId) {
        long nameId = classNameIds.getOrDefault(classId, -1L);
        String name = nameId == -1L ? null : strings.get(nameId);
        return name == null ? "unknown class 0x" + Long.toHexString(classId) : ClassNames.toJava(name);
    }

    /** The id of the class with this internal name ({@code java/lang/Class}, {@code [B}), or -1. */
    public long findClass(String internalName) {
        for (Long2LongOpenHashMap.Entry e : classNameIds.long2LongEntrySet()) {
            if (internalName.equals(strings.get(e.getLongValue()))) {
                return e.getLongKey();
            }
        }
        return -1;
    }
}
