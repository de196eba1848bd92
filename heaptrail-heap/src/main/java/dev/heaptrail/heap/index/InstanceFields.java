package dev.heaptrail.heap.index;

import dev.heaptrail.hprof.BasicType;

import java.nio.ByteBuffer;

/**
 * Reads an instance's field values from its contents as the dump holds them: the fields of its
 * class first, then of each superclass, each value {@code type.sizeInFile(idSize)} bytes.
 */
public final class InstanceFields {

    /** Told of each field with a value in the contents; returns false to stop. */
    @FunctionalInterface
    public interface Visitor {
        boolean field(IndexedClass.Field field, ByteBuffer content, int offset);
    }

    /** As {@link Visitor}, told which class declares each field. */
    @FunctionalInterface
    public interface DeclaredVisitor {
        boolean field(IndexedClass declaring, IndexedClass.Field field, ByteBuffer content, int offset);
    }

    private final HeapIndex index;
    private final int idSize;

    public InstanceFields(HeapIndex index) {
        this.index = index;
        this.idSize = index.contents().idSize();
    }

    /** Walks the fields of {@code object} (an instance) over {@code content}, its bytes. */
    public void forEach(long object, byte[] content, Visitor visitor) {
        forEachDeclared(object, content, (declaring, f, b, at) -> visitor.field(f, b, at));
    }

    /**
     * As {@link #forEach}, with the class that declares each field: a field a subclass shadows
     * comes twice, the subclass's first. Fields past the end of {@code content} are left out.
     */
    public void forEachDeclared(long object, byte[] content, DeclaredVisitor visitor) {
        ByteBuffer b = ByteBuffer.wrap(content == null ? new byte[0] : content);
        int at = 0;
        IndexedClass k = index.classOf(object);
        for (int depth = 0; k != null && depth < 256; depth++) { // a corrupt dump may hold a superclass cycle
            for (IndexedClass.Field f : k.instanceFields()) {
                int size = f.type().sizeInFile(idSize);
                if (at + size <= b.capacity() && !visitor.field(k, f, b, at)) {
                    return;
                }
                at += size;
            }
            k = index.classById(k.superId());
        }
    }

    /** The object number the named reference field holds, or -1 (null, absent, or no such field). */
    public long reference(long object, byte[] content, String name) {
        long[] found = {-1};
        forEach(object, content, (f, b, at) -> {
            if (f.type() == BasicType.OBJECT && f.name().equals(name)) {
                found[0] = index.objectNumber(id(b, at));
                return false;
            }
            return true;
        });
        return found[0];
    }

    /** The name of the first reference field that holds {@code targetAddress}, or null. */
    public String fieldHolding(long object, byte[] content, long targetAddress) {
        String[] found = {null};
        forEach(object, content, (f, b, at) -> {
            if (f.type() == BasicType.OBJECT && id(b, at) == targetAddress) {
                found[0] = f.name();
                return false;
            }
            return true;
        });
        return found[0];
    }

    /** The value of the first field of this primitive type whose name is one of {@code names}, or null. */
    public Long primitive(long object, byte[] content, BasicType type, java.util.Set<String> names) {
        Long[] found = {null};
        forEach(object, content, (f, b, at) -> {
            if (f.type() == type && names.contains(f.name())) {
                found[0] = switch (type) {
                    case BYTE, BOOLEAN -> (long) b.get(at);
                    case SHORT, CHAR -> (long) b.getShort(at);
                    case INT, FLOAT -> (long) b.getInt(at);
                    default -> b.getLong(at);
                };
                return false;
            }
            return true;
        });
        return found[0];
    }

    /** An id of the dump's size at {@code at}. */
    public long id(ByteBuffer b, int at) {
        return idSize == 8 ? b.getLong(at) : b.getInt(at) & 0xffffffffL;
    }
}
