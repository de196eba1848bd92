package dev.heaptrail.analysis.paths;

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

/**
 * Threads by name and ThreadLocals by the static field that holds them: a leak held by
 * "pool-3-thread-1" in the value of {@code Handler.BUFFERS} says where to look.
 */
public final class ThreadFacts {

    private final HeapIndex index;
    private final InstanceFields fields;

    public ThreadFacts(HeapIndex index) {
        this.index = index;
        this.fields = new InstanceFields(index);
    }

    /**
     * The name of the thread a root belongs to: the root itself when it is a Thread, or the thread
     * whose stack (frame, JNI local, native stack, block) holds it; else null (does I/O).
     */
    public String threadOf(long root) throws IOException {
        long thread = isThread(root) ? root : threadRooting(root);
        if (thread < 0) {
            return null;
        }
        String name = threadName(thread);
        return name == null ? index.typeName(thread) + " 0x" + Long.toHexString(index.address(thread)) : name;
    }

    /**
     * Which ThreadLocal a ThreadLocalMap entry belongs to: the static field that holds it
     * ("Handler.BUFFERS"), or "a " and its class when no static field does; null when the entry's
     * ThreadLocal is gone (does I/O).
     */
    public String threadLocalOfEntry(long entry) throws IOException {
        long threadLocal = fields.reference(entry, read(entry), "referent"); // weak, so not an edge of the index
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

    private static String simpleName(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? className : className.substring(dot + 1);
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

    /** Whether the object is an instance of java.lang.Thread or a subclass. */
    public boolean isThread(long o) {
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
        long string = fields.reference(thread, read(thread), "name");
        if (string < 0) {
            return null;
        }
        long value = fields.reference(string, read(string), "value");
        if (value < 0) {
            return null;
        }
        byte[] bytes = read(value);
        Long coder = fields.primitive(string, read(string), BasicType.BYTE, Set.of("coder"));
        String name = index.classOf(value).name().equals("char[]") ? new String(bytes, StandardCharsets.UTF_16BE)
                : coder != null && coder == 1 ? new String(bytes, StandardCharsets.UTF_16LE)
                : new String(bytes, StandardCharsets.ISO_8859_1);
        return name.length() > 200 ? name.substring(0, 200) + "…" : name;
    }

    private byte[] read(long object) throws IOException {
        return index.contents().read(List.of(object), index).get(object);
    }
}
