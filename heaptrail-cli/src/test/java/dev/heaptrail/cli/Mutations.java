package dev.heaptrail.cli;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Ways to damage a well-formed dump that reach past the reader into the index: the structure
 * stays readable while ids, lengths and classes stop making sense. Each names what it did.
 */
final class Mutations {

    enum Kind { BIT_FLIPS, EXTREME_ID, OTHER_ID, EXTREME_LENGTH, COPIED_RECORD, COPIED_BLOCK, DUPLICATED_RECORD,
        REMOVED_RECORD, CLASS_CYCLE, TRUNCATION }

    record Mutated(Kind kind, String description, byte[] bytes) {}

    private Mutations() {}

    static Mutated apply(byte[] dump, SubRecords.Layout layout, Random random) {
        Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
        byte[] b = dump.clone();
        ByteBuffer buf = ByteBuffer.wrap(b);
        List<SubRecords.Sub> subs = layout.subs();
        int id = layout.idSize();
        String what;
        switch (kind) {
            case BIT_FLIPS -> {
                int flips = 1 + random.nextInt(8);
                int from = subs.get(0).start();
                for (int f = 0; f < flips; f++) {
                    b[from + random.nextInt(b.length - from)] ^= (byte) (1 << random.nextInt(8));
                }
                what = flips + " bits flipped in the heap records";
            }
            case EXTREME_ID, OTHER_ID -> {
                SubRecords.Sub s = subs.get(random.nextInt(subs.size()));
                SubRecords.Field f = pick(s, random, id);
                long value = kind == Kind.OTHER_ID ? otherId(layout, random, SubRecords.id(buf, f.offset(), id))
                        : switch (random.nextInt(5)) {
                            case 0 -> 0;
                            case 1 -> -1;
                            case 2 -> id == 8 ? Long.MAX_VALUE : Integer.MAX_VALUE;
                            case 3 -> id == 8 ? Long.MIN_VALUE : Integer.MIN_VALUE;
                            default -> SubRecords.id(buf, f.offset(), id) + 1 + random.nextInt(7);
                        };
                putId(buf, f.offset(), id, value);
                what = f.name() + " of " + tag(s) + " at byte " + s.start() + " set to 0x" + Long.toHexString(value);
            }
            case EXTREME_LENGTH -> {
                SubRecords.Sub s = pickWith(subs, random, "length", "count", "size", "type");
                SubRecords.Field f = pickNamed(s, random, "length", "count", "size", "type");
                long value = switch (f.width()) {
                    case 1 -> random.nextInt(256);
                    case 2 -> new int[] {0, 0xffff, 1, (buf.getShort(f.offset()) & 0xffff) + 1}[random.nextInt(4)];
                    default -> {
                        int old = buf.getInt(f.offset());
                        yield new int[] {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, old + 1, old - 1, old * 2, old / 2}[random.nextInt(8)];
                    }
                };
                switch (f.width()) {
                    case 1 -> b[f.offset()] = (byte) value;
                    case 2 -> buf.putShort(f.offset(), (short) value);
                    default -> buf.putInt(f.offset(), (int) value);
                }
                what = f.name() + " of " + tag(s) + " at byte " + s.start() + " set to " + value;
            }
            case COPIED_RECORD -> {
                SubRecords.Sub from = subs.get(random.nextInt(subs.size()));
                SubRecords.Sub to = random.nextBoolean() ? sameShape(subs, from, random) : subs.get(random.nextInt(subs.size()));
                int length = Math.min(from.end() - from.start(), b.length - to.start());
                System.arraycopy(dump, from.start(), b, to.start(), length);
                what = tag(from) + " at byte " + from.start() + " copied over " + tag(to) + " at byte " + to.start();
            }
            case COPIED_BLOCK -> {
                int length = 1 + random.nextInt(4096);
                int from = random.nextInt(b.length - length);
                int to = subs.get(0).start() + random.nextInt(b.length - length - subs.get(0).start());
                System.arraycopy(dump, from, b, to, length);
                what = length + " bytes from byte " + from + " copied to byte " + to;
            }
            case DUPLICATED_RECORD, REMOVED_RECORD -> {
                SubRecords.Sub s = kind == Kind.REMOVED_RECORD && random.nextBoolean()
                        ? pickTag(subs, random, 0x20) : subs.get(random.nextInt(subs.size()));
                SubRecords.Sub at = subs.get(random.nextInt(subs.size()));
                b = kind == Kind.DUPLICATED_RECORD ? insert(dump, s, at) : remove(dump, s);
                what = kind == Kind.DUPLICATED_RECORD
                        ? tag(s) + " at byte " + s.start() + " copied in before byte " + at.start() + " (segment length fixed)"
                        : tag(s) + " at byte " + s.start() + " removed (segment length fixed)";
            }
            case CLASS_CYCLE -> {
                SubRecords.Sub s = pickTag(subs, random, 0x20);
                long classId = layout.classIds().get(random.nextInt(layout.classIds().size()));
                long value = random.nextBoolean() ? SubRecords.id(buf, s.start() + 1, id) : classId;
                putId(buf, s.fields().get(1).offset(), id, value);
                what = "superclass of CLASS DUMP at byte " + s.start() + " set to 0x" + Long.toHexString(value);
            }
            default -> {
                int cut = subs.get(0).start() + random.nextInt(b.length - subs.get(0).start());
                b = Arrays.copyOf(b, cut);
                what = "truncated to " + cut + " bytes";
            }
        }
        return new Mutated(kind, kind + ": " + what, b);
    }

    private static SubRecords.Field pick(SubRecords.Sub s, Random random, int id) {
        List<SubRecords.Field> ids = s.fields().stream().filter(f -> f.width() == id && matches(f, " id", "element", "word", "value")).toList();
        return ids.get(random.nextInt(ids.size()));
    }

    private static SubRecords.Sub pickWith(List<SubRecords.Sub> subs, Random random, String... names) {
        while (true) {
            SubRecords.Sub s = subs.get(random.nextInt(subs.size()));
            if (s.fields().stream().anyMatch(f -> matches(f, names))) {
                return s;
            }
        }
    }

    private static SubRecords.Field pickNamed(SubRecords.Sub s, Random random, String... names) {
        List<SubRecords.Field> found = s.fields().stream().filter(f -> matches(f, names)).toList();
        return found.get(random.nextInt(found.size()));
    }

    private static boolean matches(SubRecords.Field f, String... names) {
        for (String n : names) {
            if (f.name().contains(n)) {
                return true;
            }
        }
        return false;
    }

    private static SubRecords.Sub pickTag(List<SubRecords.Sub> subs, Random random, int tag) {
        List<SubRecords.Sub> found = subs.stream().filter(s -> s.tag() == tag).toList();
        return found.get(random.nextInt(found.size()));
    }

    /** Another record of the same tag and length: copied over it, its id becomes a duplicate. */
    private static SubRecords.Sub sameShape(List<SubRecords.Sub> subs, SubRecords.Sub like, Random random) {
        List<SubRecords.Sub> found = subs.stream()
                .filter(s -> s.tag() == like.tag() && s.end() - s.start() == like.end() - like.start()).toList();
        return found.get(random.nextInt(found.size()));
    }

    /** Another object's id, a class's id, or the id of an object of another kind. */
    private static long otherId(SubRecords.Layout layout, Random random, long old) {
        List<Long> from = random.nextBoolean() ? layout.classIds() : layout.objectIds();
        long value = from.get(random.nextInt(from.size()));
        return value == old ? value + 8 : value;
    }

    private static void putId(ByteBuffer b, int at, int id, long value) {
        if (id == 8) {
            b.putLong(at, value);
        } else {
            b.putInt(at, (int) value);
        }
    }

    /** A copy of {@code s} inserted before {@code at}, the segment that receives it one record longer. */
    private static byte[] insert(byte[] dump, SubRecords.Sub s, SubRecords.Sub at) {
        int length = s.end() - s.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream(dump.length + length);
        out.write(dump, 0, at.start());
        out.write(dump, s.start(), length);
        out.write(dump, at.start(), dump.length - at.start());
        byte[] b = out.toByteArray();
        ByteBuffer.wrap(b).putInt(at.segment() + 5, ByteBuffer.wrap(dump).getInt(at.segment() + 5) + length);
        return b;
    }

    /** The dump without {@code s}, its segment one record shorter. */
    private static byte[] remove(byte[] dump, SubRecords.Sub s) {
        int length = s.end() - s.start();
        byte[] b = new byte[dump.length - length];
        System.arraycopy(dump, 0, b, 0, s.start());
        System.arraycopy(dump, s.end(), b, s.start(), dump.length - s.end());
        ByteBuffer.wrap(b).putInt(s.segment() + 5, ByteBuffer.wrap(dump).getInt(s.segment() + 5) - length);
        return b;
    }

    private static String tag(SubRecords.Sub s) {
        return switch (s.tag()) {
            case 0x20 -> "CLASS DUMP";
            case 0x21 -> "INSTANCE DUMP";
            case 0x22 -> "OBJECT ARRAY DUMP";
            case 0x23 -> "PRIMITIVE ARRAY DUMP";
            default -> "GC ROOT 0x" + Integer.toHexString(s.tag());
        };
    }
}
