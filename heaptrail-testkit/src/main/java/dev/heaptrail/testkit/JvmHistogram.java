package dev.heaptrail.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The JVM's own class histogram ({@code GC.class_histogram}) as written by {@link KnownHeap}. */
public record JvmHistogram(List<Row> rows, long totalInstances, long totalBytes) {

    /** A row with the class named as Java source spells it ({@code byte[]}), module suffix removed. */
    public record Row(String className, long instances, long bytes) {}

    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)(\\s+\\(.*\\))?\\s*$");
    private static final Pattern TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)\\s*$");

    public static JvmHistogram parse(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        long totalInstances = -1;
        long totalBytes = -1;
        for (String line : Files.readAllLines(file)) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                rows.add(new Row(javaName(m.group(3)), Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
                continue;
            }
            Matcher t = TOTAL.matcher(line.trim());
            if (t.matches()) {
                totalInstances = Long.parseLong(t.group(1));
                totalBytes = Long.parseLong(t.group(2));
            }
        }
        return new JvmHistogram(List.copyOf(rows), totalInstances, totalBytes);
    }

    /** {@code [B} → {@code byte[]}, {@code [Ljava.lang.String;} → {@code java.lang.String[]}. */
    public static String javaName(String jvmName) {
        int dims = 0;
        while (jvmName.charAt(dims) == '[') {
            dims++;
        }
        if (dims == 0) {
            return jvmName;
        }
        String e = jvmName.substring(dims);
        String base = switch (e) {
            case "B" -> "byte";
            case "C" -> "char";
            case "S" -> "short";
            case "I" -> "int";
            case "J" -> "long";
            case "F" -> "float";
            case "D" -> "double";
            case "Z" -> "boolean";
            default -> e.startsWith("L") && e.endsWith(";") ? e.substring(1, e.length() - 1) : e;
        };
        return base + "[]".repeat(dims);
    }
}
