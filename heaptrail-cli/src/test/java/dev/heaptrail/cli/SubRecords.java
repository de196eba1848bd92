package dev.heaptrail.cli;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The heap sub-records of a well-formed dump and where their ids, lengths and counts sit, found
 * independently of the reader under test: the places a fuzzer aims at.
 */
final class SubRecords {

    /** A field of a sub-record: its offset in the file and its width (1, 2, 4 or the id size). */
    record Field(String name, int offset, int width) {}

    /** A sub-record: its tag, where it starts and ends, and its fields of interest. */
    record Sub(int tag, int start, int end, int segment, List<Field> fields) {
        boolean isObject() {
            return tag >= 0x20;
        }
    }

    record Layout(int idSize, List<Sub> subs, List<Long> objectIds, List<Long> classIds) {}

    private SubRecords() {}

    static Layout of(byte[] dump) {
        ByteBuffer b = ByteBuffer.wrap(dump);
        int header = 0;
        while (dump[header] != 0) {
            header++;
        }
        int id = b.getInt(header + 1);
        List<Sub> subs = new ArrayList<>();
        List<Long> objects = new ArrayList<>();
        List<Long> classes = new ArrayList<>();
        for (long record : DumpLayout.recordOffsets(dump)) {
            int at = (int) record;
            int tag = dump[at] & 0xff;
            int end = at + 9 + b.getInt(at + 5);
            if (tag != 0x0C && tag != 0x1C) {
                continue;
            }
            for (int p = at + 9; p < end; ) {
                int start = p;
                int sub = dump[p++] & 0xff;
                List<Field> fields = new ArrayList<>();
                fields.add(new Field(sub >= 0x20 ? "object id" : "root object id", p, id));
                if (sub >= 0x20) {
                    objects.add(id(b, p, id));
                }
                switch (sub) {
                    case 0xFF, 0x05, 0x07 -> p += id;
                    case 0x01 -> p += 2 * id;
                    case 0x02, 0x03, 0x08 -> p += id + 8;
                    case 0x04, 0x06 -> p += id + 4;
                    case 0x20 -> {
                        classes.add(id(b, p, id));
                        p += id + 4;
                        for (String f : new String[] {"superclass id", "class loader id", "signers id", "protection domain id"}) {
                            fields.add(new Field(f, p, id));
                            p += id;
                        }
                        p += 2 * id;
                        fields.add(new Field("instance size", p, 4));
                        p += 4;
                        fields.add(new Field("constant pool count", p, 2));
                        int n = b.getShort(p) & 0xffff;
                        p += 2;
                        for (int i = 0; i < n; i++) {
                            p += 2;
                            p = value(b, p, id, fields, "constant pool value");
                        }
                        fields.add(new Field("static field count", p, 2));
                        n = b.getShort(p) & 0xffff;
                        p += 2;
                        for (int i = 0; i < n; i++) {
                            fields.add(new Field("static field name id", p, id));
                            p += id;
                            p = value(b, p, id, fields, "static field value");
                        }
                        fields.add(new Field("instance field count", p, 2));
                        n = b.getShort(p) & 0xffff;
                        p += 2;
                        for (int i = 0; i < n; i++) {
                            fields.add(new Field("instance field type", p + id, 1));
                            p += id + 1;
                        }
                    }
                    case 0x21 -> {
                        p += id + 4;
                        fields.add(new Field("class id", p, id));
                        p += id;
                        fields.add(new Field("fields length", p, 4));
                        int length = b.getInt(p);
                        p += 4;
                        for (int i = 0; i + id <= length; i += id) {
                            fields.add(new Field("field word", p + i, id));
                        }
                        p += length;
                    }
                    case 0x22 -> {
                        p += id + 4;
                        fields.add(new Field("array length", p, 4));
                        int length = b.getInt(p);
                        fields.add(new Field("array class id", p + 4, id));
                        p += 4 + id;
                        for (int i = 0; i < length; i++) {
                            fields.add(new Field("element", p, id));
                            p += id;
                        }
                    }
                    case 0x23 -> {
                        p += id + 4;
                        fields.add(new Field("array length", p, 4));
                        fields.add(new Field("element type", p + 4, 1));
                        p += 5 + b.getInt(p) * size(dump[p + 4], id);
                    }
                    default -> throw new IllegalArgumentException("sub-record tag 0x" + Integer.toHexString(sub) + " at " + start);
                }
                subs.add(new Sub(sub, start, p, at, fields));
            }
        }
        return new Layout(id, subs, objects, classes);
    }

    /** The dump without the sub-records {@code drop} accepts, each segment's length fixed. */
    static byte[] without(byte[] dump, Layout layout, java.util.function.Predicate<Sub> drop) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(dump.length);
        ByteBuffer b = ByteBuffer.wrap(dump);
        List<Long> records = DumpLayout.recordOffsets(dump);
        out.write(dump, 0, (int) (long) records.get(0));
        int next = 0;
        for (long record : records) {
            int at = (int) record;
            int tag = dump[at] & 0xff;
            if (tag != 0x0C && tag != 0x1C) {
                out.write(dump, at, 9 + b.getInt(at + 5));
                continue;
            }
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            for (; next < layout.subs().size() && layout.subs().get(next).segment() == at; next++) {
                Sub s = layout.subs().get(next);
                if (!drop.test(s)) {
                    body.write(dump, s.start(), s.end() - s.start());
                }
            }
            out.write(dump, at, 5);
            out.writeBytes(ByteBuffer.allocate(4).putInt(body.size()).array());
            out.writeBytes(body.toByteArray());
        }
        return out.toByteArray();
    }

    private static int value(ByteBuffer b, int p, int id, List<Field> fields, String name) {
        int type = b.get(p);
        int size = size((byte) type, id);
        if (type == 2) {
            fields.add(new Field(name, p + 1, id));
        }
        return p + 1 + size;
    }

    static long id(ByteBuffer b, int at, int id) {
        return id == 8 ? b.getLong(at) : b.getInt(at) & 0xffffffffL;
    }

    static int size(byte type, int id) {
        return switch (type) {
            case 2 -> id;
            case 4, 8 -> 1;
            case 5, 9 -> 2;
            case 6, 10 -> 4;
            case 7, 11 -> 8;
            default -> throw new IllegalArgumentException("basic type " + type);
        };
    }
}
