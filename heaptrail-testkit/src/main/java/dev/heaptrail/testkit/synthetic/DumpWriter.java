package dev.heaptrail.testkit.synthetic;

import dev.heaptrail.testkit.HprofWriter;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Writes a {@link SyntheticHeap} in HotSpot's order: the names (UTF8), LOAD CLASS records, the
 * threads' stack frames and traces, then one HEAP DUMP SEGMENT with every CLASS DUMP before any
 * object (superclasses first), the thread objects, the instances and arrays, the other roots.
 */
final class DumpWriter {

    private static final int TAG_UTF8 = 0x01;
    private static final int TAG_LOAD_CLASS = 0x02;
    private static final int TAG_FRAME = 0x04;
    private static final int TAG_TRACE = 0x05;
    private static final int TAG_HEAP_DUMP_SEGMENT = 0x1C;
    private static final int TAG_HEAP_DUMP_END = 0x2C;
    /** The empty stack trace objects are allocated at, as HotSpot writes it. */
    private static final int NO_TRACE = 1;

    private final SyntheticHeap heap;
    private final HprofWriter out = new HprofWriter("JAVA PROFILE 1.0.2", 8, 0);
    private final Map<String, Long> names = new LinkedHashMap<>();
    private final Map<String, Integer> classSerials = new HashMap<>();

    DumpWriter(SyntheticHeap heap) {
        this.heap = heap;
    }

    byte[] write() {
        int serial = 1;
        for (ClassDef c : heap.classes()) {
            classSerials.putIfAbsent(c.name(), serial);
            out.record(TAG_LOAD_CLASS, out.body().u4(serial++).id(c.id()).u4(NO_TRACE).id(name(internalName(c.name()))).build());
        }
        out.record(TAG_TRACE, out.body().u4(NO_TRACE).u4(0).u4(0).build());
        long frameId = 1;
        for (ThreadDef t : heap.threads()) {
            HprofWriter.Body trace = out.body().u4(traceSerial(t)).u4(t.serial()).u4(t.frames().size());
            for (ThreadDef.Frame f : t.frames()) {
                out.record(TAG_FRAME, out.body().id(frameId).id(name(f.method())).id(name("()V"))
                        .id(f.file() == null ? 0 : name(f.file())).u4(classSerials.get(f.className())).u4(f.line()).build());
                trace.id(frameId++);
            }
            out.record(TAG_TRACE, trace.build());
        }
        HprofWriter.Body segment = out.body();
        for (ClassDef c : heap.classes()) {
            classDump(segment, c);
        }
        for (SyntheticHeap.Root r : heap.roots()) {
            if (r.kind() == SyntheticHeap.RootKind.THREAD_OBJECT) {
                segment.u1(r.kind().tag).id(r.id()).u4(r.thread().serial()).u4(traceSerial(r.thread()));
            }
        }
        for (Ref o : heap.objects()) {
            object(segment, o);
        }
        Set<Long> sticky = new LinkedHashSet<>();
        for (ClassDef c : heap.classes()) {
            if (c.loader() == null) {
                sticky.add(c.id());
            }
        }
        for (SyntheticHeap.Root r : heap.roots()) {
            switch (r.kind()) {
                case THREAD_OBJECT -> { } // written above
                case STICKY_CLASS -> sticky.add(r.id());
                case JNI_GLOBAL -> segment.u1(r.kind().tag).id(r.id()).id(r.id() + 1); // any id: the global's handle
                case JNI_LOCAL, JAVA_FRAME -> segment.u1(r.kind().tag).id(r.id()).u4(r.thread().serial()).u4(r.frame());
                case MONITOR_USED -> segment.u1(r.kind().tag).id(r.id());
            }
        }
        for (long id : sticky) {
            segment.u1(SyntheticHeap.RootKind.STICKY_CLASS.tag).id(id);
        }
        HprofWriter names = new HprofWriter("JAVA PROFILE 1.0.2", 8, 0);
        for (Map.Entry<String, Long> n : this.names.entrySet()) {
            names.record(TAG_UTF8, names.body().id(n.getValue()).utf8(n.getKey()).build());
        }
        // The names go first, as HotSpot writes them: they were collected while writing the rest.
        names.raw(withoutHeader(out.toByteArray()));
        names.record(TAG_HEAP_DUMP_SEGMENT, segment.build());
        names.record(TAG_HEAP_DUMP_END, new byte[0]);
        return names.toByteArray();
    }

    private static int traceSerial(ThreadDef t) {
        return NO_TRACE + t.serial();
    }

    private void classDump(HprofWriter.Body b, ClassDef c) {
        b.u1(0x20).id(c.id()).u4(NO_TRACE).id(c.superclass() == null ? 0 : c.superclass().id())
                .id(c.loader() == null ? 0 : c.loader().id()).id(0).id(0).id(0).id(0)
                .u4(c.instanceFieldBytes()).u2(0); // no constant pool
        b.u2(c.statics().size());
        for (ClassDef.Static s : c.statics()) {
            b.id(name(s.name())).u1(s.type().code());
            value(b, s.type(), s.bits());
        }
        b.u2(c.fields().size());
        for (ClassDef.Field f : c.fieldsInDumpOrder()) {
            b.id(name(f.name())).u1(f.type().code());
        }
    }

    private static void value(HprofWriter.Body b, FieldType type, long bits) {
        switch (type.size()) {
            case 1 -> b.u1((int) bits);
            case 2 -> b.u2((int) bits);
            case 4 -> b.u4((int) bits);
            default -> b.u8(bits);
        }
    }

    private static void object(HprofWriter.Body b, Ref o) {
        if (o instanceof InstanceDef i) {
            byte[] fields = i.fieldBytes();
            b.u1(0x21).id(i.id()).u4(NO_TRACE).id(i.type().id()).u4(fields.length).bytes(fields);
        } else {
            ArrayDef a = (ArrayDef) o;
            if (a.elementType() == FieldType.OBJECT) {
                b.u1(0x22).id(a.id()).u4(NO_TRACE).u4(a.length()).id(a.arrayClass().id());
                for (long e : a.ids()) {
                    b.id(e);
                }
            } else {
                b.u1(0x23).id(a.id()).u4(NO_TRACE).u4(a.length()).u1(a.elementType().code()).bytes(a.data());
            }
        }
    }

    private long name(String s) {
        return names.computeIfAbsent(s, k -> (long) names.size() + 1);
    }

    /** The file's records after its header ("JAVA PROFILE 1.0.2", a zero, id size, time). */
    private static byte[] withoutHeader(byte[] file) {
        int header = "JAVA PROFILE 1.0.2".length() + 1 + 4 + 8;
        return java.util.Arrays.copyOfRange(file, header, file.length);
    }

    /** The JVM's name of a class: {@code java/lang/String}, {@code [B}, {@code [Ljava/lang/Object;}. */
    static String internalName(String javaName) {
        if (!javaName.endsWith("[]")) {
            return javaName.replace('.', '/');
        }
        StringBuilder s = new StringBuilder();
        String element = javaName;
        while (element.endsWith("[]")) {
            s.append('[');
            element = element.substring(0, element.length() - 2);
        }
        String primitive = switch (element) {
            case "boolean" -> "Z";
            case "char" -> "C";
            case "float" -> "F";
            case "double" -> "D";
            case "byte" -> "B";
            case "short" -> "S";
            case "int" -> "I";
            case "long" -> "J";
            default -> null;
        };
        return s.append(primitive != null ? primitive : "L" + element.replace('.', '/') + ";").toString();
    }
}
