package dev.heaptrail.hprof.internal;

import java.nio.charset.StandardCharsets;

/** Decodes the JVM's modified UTF-8 (symbols in UTF8 records): 0 as C0 80, supplementary chars as surrogate pairs. */
public final class ModifiedUtf8 {

    private ModifiedUtf8() {}

    public static String decode(byte[] b, int off, int len) {
        int end = off + len;
        boolean ascii = true;
        for (int i = off; i < end; i++) {
            if (b[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(b, off, len, StandardCharsets.ISO_8859_1);
        }
        char[] out = new char[len];
        int n = 0;
        int i = off;
        while (i < end) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                out[n++] = (char) c;
                i++;
            } else if ((c & 0xe0) == 0xc0 && i + 1 < end) {
                out[n++] = (char) (((c & 0x1f) << 6) | (b[i + 1] & 0x3f));
                i += 2;
            } else if ((c & 0xf0) == 0xe0 && i + 2 < end) {
                out[n++] = (char) (((c & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) | (b[i + 2] & 0x3f));
                i += 3;
            } else {
                // Malformed: keep going with a replacement rather than failing a whole dump over a name.
                out[n++] = '\uFFFD';
                i++;
            }
        }
        return new String(out, 0, n);
    }
}
