package dev.heaptrail.analysis.suspects;

import dev.heaptrail.analysis.paths.PathStep;
import dev.heaptrail.heap.index.GcRootEntry;
import dev.heaptrail.heap.index.HeapIndex;
import dev.heaptrail.heap.index.IndexedClass;
import dev.heaptrail.heap.index.InstanceFields;
import dev.heaptrail.heap.index.ObjectKind;
import dev.heaptrail.hprof.BasicType;
import dev.heaptrail.hprof.HeapTag;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/** Facts about single objects read back from the dump: a collection's size, a thread's name. */
final class ObjectFacts {

    private static final Set<String> SIZE_FIELDS = Set.of("size", "elementCount", "count");

    private final HeapIndex index;
    private final InstanceFields fields;

    ObjectFacts(HeapIndex index) {
        this.index = index;
        this.fields = new InstanceFields(index);
    }

    /** Elements of a collection (its size field) or array (its length), or -1 when it is neither. */
    long elements(long object) throws IOException {
        byte[] content = read(object);
        if (index.kind(object) == ObjectKind.OBJECT_ARRAY) {
            return content.length / index.contents().idSize();
        }
        if (index.kind(object) != ObjectKind.INSTANCE) {
            return -1;
        }
        Long v = fields.primitive(object, content, BasicType.INT, SIZE_FIELDS);
        if (v == null) {
            long backing = referenceField(object, "map"); // HashSet keeps its size in its map
            if (backing < 0) {
                backing = referenceField(object, "m"); // TreeSet, and the Collections wrappers
            }
            if (backing >= 0 && backing != object && index.kind(backing) == ObjectKind.INSTANCE) {
                v = fields.primitive(backing, read(backing), BasicType.INT, SIZE_FIELDS);
            }
        }
        return v == null ? -1 : v;
    }

    /**
     * The name of the thread that holds the path's root: the root itself when it is a Thread, or the
     * thread whose stack (frame, JNI local, native stack, block) roots it; else null.
     */
    String threadHolding(List<PathStep> path) throws IOException {
        if (path.isEmpty()) {
            return null;
        }
        long root = path.get(0).object();
        long thread = isThread(root) ? root : threadRooting(root);
        if (thread < 0) {
            return null;
        }
        String name = threadName(thread);
        return name == null ? index.typeName(thread) + " 0x" + Long.toHexString(index.address(thread)) : name;
    }

    private long threadRooting(long object) {
        int serial = -1;
        for (GcRootEntry r : index.gcRoots()) {
            if (r.object() == object && r.threadSerial() > 0) {
                serial = r.threadSerial();
                break;
            }
        }
        if (serial < 0) {
            return -1;
        }
        for (GcRootEntry r : index.gcRoots()) {
            if (r.kind() == HeapTag.ROOT_THREAD_OBJECT && r.threadSerial() == serial) {
                return r.object();
            }
        }
        return -1;
    }

    /**
     * For a path through a ThreadLocalMap entry: the static field that holds the entry's ThreadLocal
     * ("Handler.BUFFERS"), or the ThreadLocal's class when no static field holds it; else null.
     */
    String threadLocalOf(List<PathStep> path) throws IOException {
        for (PathStep step : path) {
            if (!step.className().equals("java.lang.ThreadLocal$ThreadLocalMap$Entry")) {
                continue;
            }
            long threadLocal = referenceField(step.object(), "referent"); // weak, so not an edge of the index
            if (threadLocal < 0) {
                return null;
            }
            long address = index.address(threadLocal);
            for (long e = index.incomingStart(threadLocal); e < index.incomingEnd(threadLocal); e++) {
                long holder = index.incomingSource(e);
                if (index.kind(holder) != ObjectKind.CLASS) {
                    continue;
                }
                IndexedClass c = index.classById(index.address(holder));
                for (IndexedClass.Field f : c == null ? List.<IndexedClass.Field>of() : c.staticFields()) {
                    if (f.type() == BasicType.OBJECT && f.staticValue() == address) {
                        return simpleName(c.name()) + "." + f.name();
                    }
                }
            }
            return "a " + index.typeName(threadLocal);
        }
        return null;
    }

    private static String simpleName(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? className : className.substring(dot + 1);
    }

    private boolean isThread(long o) {
        if (index.kind(o) != ObjectKind.INSTANCE) {
            return false;
        }
        IndexedClass c = index.classOf(o);
        for (int depth = 0; c != null && depth < 64; depth++) {
            if (c.name().equals("java.lang.Thread")) {
                return true;
            }
            c = index.classById(c.superId());
        }
        return false;
    }

    /** Thread.name is a String whose value is a byte[] (JDK 9+) or char[]: three reads. */
    private String threadName(long thread) throws IOException {
        long string = referenceField(thread, "name");
        if (string < 0) {
            return null;
        }
        long value = referenceField(string, "value");
        if (value < 0) {
            return null;
        }
        byte[] bytes = read(value);
        Long coder = byteField(string, "coder");
        String name = index.classOf(value).name().equals("char[]") ? new String(bytes, StandardCharsets.UTF_16BE)
                : coder != null && coder == 1 ? new String(bytes, StandardCharsets.UTF_16LE)
                : new String(bytes, StandardCharsets.ISO_8859_1);
        return name.length() > 200 ? name.substring(0, 200) + "…" : name;
    }

    private long referenceField(long object, String field) throws IOException {
        return fields.reference(object, read(object), field);
    }

    private Long byteField(long object, String field) throws IOException {
        return fields.primitive(object, read(object), BasicType.BYTE, Set.of(field));
    }

    private byte[] read(long object) throws IOException {
        return index.contents().read(List.of(object), index).get(object);
    }
}
