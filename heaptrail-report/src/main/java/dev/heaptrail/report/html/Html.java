package dev.heaptrail.report.html;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import dev.heaptrail.report.json.Json;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Strings from a recording (class names, thread names, file names) are data from a production
 * process: they reach a page only through {@link #text} (markup) or {@link #json} (a data island
 * the page's script reads with {@code JSON.parse} and writes back as text, never as markup).
 */
final class Html {

    private Html() {}

    /** Safe as element text and as a quoted attribute value. */
    static String text(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * JSON for a {@code <script type="application/json">} element: {@code <}, {@code >} and {@code &}
     * escaped as {@code \u003c}..., so no string in it can close the element or open a comment.
     */
    static String json(Json.Body body) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            g.setCharacterEscapes(ScriptSafe.INSTANCE);
            body.write(g);
        }
        return w.toString();
    }

    /** The Content-Security-Policy source that lets exactly this inline script or style run. */
    static String hash(String inline) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(inline.getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static final class ScriptSafe extends CharacterEscapes {
        static final ScriptSafe INSTANCE = new ScriptSafe();
        private final int[] escapes = standardAsciiEscapesForJSON();

        private ScriptSafe() {
            escapes['<'] = ESCAPE_STANDARD;
            escapes['>'] = ESCAPE_STANDARD;
            escapes['&'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null; // only the standard \\uXXXX escapes above
        }
    }
}
