package dev.heaptrail.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heaptrail.heap.ClassHistogram;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A class histogram saved by {@code heaptrail histo --format json} or {@code --format csv}, read
 * back for {@code heaptrail diff}; and which kind of file an input is.
 */
final class SavedHistogram {

    /** What a file given to diff holds, told from its first bytes. */
    enum Kind { JSON, CSV, HEAP_DUMP, OTHER }

    static final String CSV_HEADER = "class,instances,shallowBytes";

    private SavedHistogram() {}

    static Kind kind(Path file) throws IOException {
        byte[] head = new byte[64];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        String text = new String(head, 0, n, StandardCharsets.ISO_8859_1);
        if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b || text.startsWith("JAVA PROFILE")) {
            return Kind.HEAP_DUMP; // plain or gzip-compressed HPROF (a gzip file is taken for a dump)
        }
        String start = text.replace("\uFEFF", "").stripLeading();
        if (start.startsWith("{")) {
            return Kind.JSON;
        }
        return start.startsWith(CSV_HEADER) ? Kind.CSV : Kind.OTHER;
    }

    /** The histogram in {@code file}, of the kind {@link #kind} said. */
    static ClassHistogram read(Path file, Kind kind) throws IOException {
        return switch (kind) {
            case JSON -> json(file);
            case CSV -> csv(file);
            default -> throw new IllegalArgumentException(kind.toString());
        };
    }

    private static ClassHistogram json(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new BadInputException(file + (at != null ? " at line " + at.getLineNr() + ", column " + at.getColumnNr() : "")
                    + ": not valid JSON (" + e.getOriginalMessage().lines().findFirst().orElse("") + "); save it again with"
                    + " heaptrail histo DUMP --format json > FILE", e);
        }
        JsonNode classes = root == null ? null : root.get("classes");
        if (classes == null || !classes.isArray()) {
            throw new BadInputException(file + ": JSON without a \"classes\" array: not a histogram saved by heaptrail histo"
                    + " --format json", null);
        }
        List<ClassHistogram.Row> rows = new ArrayList<>();
        long instances = 0;
        long bytes = 0;
        for (int i = 0; i < classes.size(); i++) {
            JsonNode c = classes.get(i);
            JsonNode name = c.get("class");
            JsonNode count = c.get("instances");
            JsonNode size = c.get("shallowBytes");
            if (name == null || !name.isTextual() || count == null || !count.canConvertToLong() || size == null
                    || !size.canConvertToLong() || count.asLong() < 0 || size.asLong() < 0) {
                throw new BadInputException(file + ": classes[" + i + "] lacks \"class\", \"instances\" or \"shallowBytes\""
                        + " (or one is not a count): not a histogram saved by heaptrail histo --format json", null);
            }
            rows.add(new ClassHistogram.Row(name.asText(), 0, count.asLong(), size.asLong()));
            instances += count.asLong();
            bytes += size.asLong();
        }
        // the saved totals are the whole heap's even when --top or --filter cut the rows
        long totalInstances = root.path("totalInstances").canConvertToLong() ? root.get("totalInstances").asLong() : instances;
        long totalBytes = root.path("totalBytes").canConvertToLong() ? root.get("totalBytes").asLong() : bytes;
        return new ClassHistogram(rows, totalInstances, totalBytes, null);
    }

    private static ClassHistogram csv(Path file) throws IOException {
        List<ClassHistogram.Row> rows = new ArrayList<>();
        long instances = 0;
        long bytes = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            in.readLine(); // the header, checked by kind()
            int lineNumber = 1;
            for (String line; (line = in.readLine()) != null; ) {
                lineNumber++;
                if (line.isEmpty()) {
                    continue;
                }
                List<String> fields = fields(line);
                long count;
                long size;
                try {
                    if (fields.size() != 3) {
                        throw new NumberFormatException(fields.size() + " fields, 3 expected");
                    }
                    count = Long.parseLong(fields.get(1));
                    size = Long.parseLong(fields.get(2));
                } catch (NumberFormatException e) {
                    throw new BadInputException(file + " at line " + lineNumber + ": not a row of class,instances,shallowBytes ("
                            + e.getMessage() + "); save it again with heaptrail histo DUMP --format csv > FILE", e);
                }
                rows.add(new ClassHistogram.Row(fields.get(0), 0, count, size));
                instances += count;
                bytes += size;
            }
        }
        return new ClassHistogram(rows, instances, bytes, null);
    }

    /** RFC 4180 fields of one line, as HistogramCsv writes them (a class name is quoted when it holds a comma or quote). */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(f.toString());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        out.add(f.toString());
        return out;
    }
}
