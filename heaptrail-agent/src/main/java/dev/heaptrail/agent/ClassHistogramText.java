package dev.heaptrail.agent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The text of GC.class_histogram, read just enough to say which classes grew between two. */
final class ClassHistogramText {

    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");

    private ClassHistogramText() {}

    /** Bytes by class name (classes of one name from several loaders added up). */
    static Map<String, Long> bytesByClass(String text) {
        Map<String, Long> bytes = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                bytes.merge(m.group(3), Long.parseLong(m.group(2)), Long::sum);
            }
        }
        return bytes;
    }

    /** Lines for the {@code top} classes whose bytes grew most from {@code before} to {@code after}. */
    static List<String> growth(Map<String, Long> before, Map<String, Long> after, int top) {
        List<Map.Entry<String, Long>> grown = new ArrayList<>();
        for (Map.Entry<String, Long> e : after.entrySet()) {
            long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            if (d > 0) {
                grown.add(Map.entry(e.getKey(), d));
            }
        }
        grown.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, Long> e : grown.subList(0, Math.min(top, grown.size()))) {
            lines.add(String.format(Locale.ROOT, "+%,d bytes  %s", e.getValue(), e.getKey()));
        }
        if (lines.isEmpty()) {
            lines.add("no class grew");
        }
        return lines;
    }
}
