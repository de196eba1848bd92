package dev.heaptrail.cli;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A real dump cut down to its last objects, the classes they need and the roots that hold them:
 * a JVM's own heap is some 15,000 objects and 900 classes, too many to index thousands of times.
 */
final class FuzzBase {

    private FuzzBase() {}

    static byte[] reduce(byte[] dump, int objects) {
        SubRecords.Layout layout = SubRecords.of(dump);
        int id = layout.idSize();
        ByteBuffer b = ByteBuffer.wrap(dump);
        Map<Long, String> names = classNames(dump, id);
        Map<Long, SubRecords.Sub> classes = new HashMap<>();
        List<SubRecords.Sub> subs = layout.subs();
        long total = subs.stream().filter(s -> s.tag() > 0x20).count();
        Set<Long> kept = new HashSet<>();
        Set<Integer> keptStarts = new HashSet<>();
        int seen = 0;
        for (SubRecords.Sub s : subs) {
            if (s.tag() == 0x20) {
                classes.put(SubRecords.id(b, s.start() + 1, id), s);
            } else if (s.tag() > 0x20 && seen++ >= total - objects) {
                kept.add(SubRecords.id(b, s.start() + 1, id));
                keptStarts.add(s.start());
                for (SubRecords.Field f : s.fields()) {
                    if (f.name().contains("class id")) {
                        keepClass(SubRecords.id(b, f.offset(), id), classes, kept, b, id);
                    }
                }
            }
        }
        for (Map.Entry<Long, String> e : names.entrySet()) {
            if (e.getValue().startsWith("[") || e.getValue().equals("java/lang/Class") || e.getValue().equals("java/lang/String")) {
                keepClass(e.getKey(), classes, kept, b, id);
            }
        }
        byte[] heap = SubRecords.without(dump, layout, s -> s.tag() < 0x20
                ? !kept.contains(SubRecords.id(b, s.start() + 1, id))
                : s.tag() == 0x20 ? !kept.contains(SubRecords.id(b, s.start() + 1, id)) : !keptStarts.contains(s.start()));
        return withoutUnusedNames(heap, kept, id);
    }

    /** Without the LOAD CLASS records of classes left out, and the names nothing kept uses. */
    private static byte[] withoutUnusedNames(byte[] dump, Set<Long> keptClasses, int id) {
        ByteBuffer b = ByteBuffer.wrap(dump);
        Set<Long> used = new HashSet<>();
        for (SubRecords.Sub s : SubRecords.of(dump).subs()) {
            for (SubRecords.Field f : s.fields()) {
                if (f.name().equals("static field name id")) {
                    used.add(SubRecords.id(b, f.offset(), id));
                } else if (f.name().equals("instance field type")) {
                    used.add(SubRecords.id(b, f.offset() - id, id));
                }
            }
        }
        List<Long> records = DumpLayout.recordOffsets(dump);
        for (long record : records) {
            int at = (int) record;
            if (dump[at] == 0x02 && keptClasses.contains(SubRecords.id(b, at + 13, id))) {
                used.add(SubRecords.id(b, at + 17 + id, id));
            } else if (dump[at] == 0x04) { // STACK FRAME: method name, signature, source file
                for (int i = 1; i <= 3; i++) {
                    used.add(SubRecords.id(b, at + 9 + i * id, id));
                }
            }
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(dump.length);
        out.write(dump, 0, (int) (long) records.get(0));
        for (long record : records) {
            int at = (int) record;
            boolean drop = dump[at] == 0x01 ? !used.contains(SubRecords.id(b, at + 9, id))
                    : dump[at] == 0x02 && !keptClasses.contains(SubRecords.id(b, at + 13, id));
            if (!drop) {
                out.write(dump, at, 9 + b.getInt(at + 5));
            }
        }
        return out.toByteArray();
    }

    private static void keepClass(long classId, Map<Long, SubRecords.Sub> classes, Set<Long> kept, ByteBuffer b, int id) {
        while (classId != 0 && classes.containsKey(classId) && kept.add(classId)) {
            classId = SubRecords.id(b, classes.get(classId).fields().get(1).offset(), id); // its superclass
        }
    }

    /** Class id → name, from the LOAD CLASS and UTF8 records. */
    private static Map<Long, String> classNames(byte[] dump, int id) {
        ByteBuffer b = ByteBuffer.wrap(dump);
        Map<Long, String> strings = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        for (long record : DumpLayout.recordOffsets(dump)) {
            int at = (int) record;
            int length = b.getInt(at + 5);
            if (dump[at] == 0x01) {
                strings.put(SubRecords.id(b, at + 9, id), new String(dump, at + 9 + id, length - id, StandardCharsets.UTF_8));
            } else if (dump[at] == 0x02) {
                names.put(SubRecords.id(b, at + 13, id), strings.get(SubRecords.id(b, at + 17 + id, id)));
            }
        }
        return names;
    }
}
