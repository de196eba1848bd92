package dev.heaptrail.heap.graph;

import dev.heaptrail.hprof.BasicType;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The text of a java.lang.String as each JDK lays it out: JDK 9+ keeps {@code value} bytes and a
 * {@code coder} (0 Latin-1, 1 UTF-16 in the machine's byte order, little-endian on every platform
 * HotSpot dumps come from in practice); JDK 8 and before a {@code value} char[], which JDK 6's
 * substrings share, each with its {@code offset} and {@code count}.
 */
final class JavaStrings {

    private static final int LATIN1 = 0;

    private JavaStrings() {}

    static Optional<String> read(HeapInstance string, int maxChars) {
        HeapPrimitiveArray value = null;
        int coder = LATIN1;
        int offset = 0;
        int count = -1;
        for (HeapField f : string.fields()) {
            if (!f.declaringClass().name().equals("java.lang.String")) {
                continue;
            }
            HeapValue v = f.value();
            switch (f.name()) {
                case "value" -> value = v.asObject().flatMap(HeapObject::asPrimitiveArray).orElse(null);
                case "coder" -> coder = v.type() == BasicType.BYTE ? v.asInt() : LATIN1;
                case "offset" -> offset = v.type() == BasicType.INT ? v.asInt() : 0;
                case "count" -> count = v.type() == BasicType.INT ? v.asInt() : -1;
                default -> { }
            }
        }
        if (value == null) {
            return Optional.empty();
        }
        long max = Math.max(0, maxChars);
        return switch (value.type()) {
            case CHAR -> {
                int length = value.length();
                int from = Math.min(Math.max(0, offset), length);
                int n = (int) Math.min(max, count < 0 ? length - from : Math.min(count, length - from));
                char[] chars = value.chars(from + n);
                yield Optional.of(new String(chars, from, chars.length - from));
            }
            case BYTE -> {
                if (coder == LATIN1) {
                    yield Optional.of(new String(value.bytes((int) Math.min(max, Integer.MAX_VALUE)), StandardCharsets.ISO_8859_1));
                }
                byte[] bytes = value.bytes((int) Math.min(2 * max, Integer.MAX_VALUE - 1));
                yield Optional.of(new String(bytes, 0, bytes.length & ~1, StandardCharsets.UTF_16LE));
            }
            default -> Optional.empty();
        };
    }
}
