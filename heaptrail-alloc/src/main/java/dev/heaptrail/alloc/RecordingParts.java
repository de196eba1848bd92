package dev.heaptrail.alloc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A JFR file cut into parts that the JDK's parser reads right, each on its own. The parser keeps the
 * metadata it has when the next chunk says the same metadata id, so two JDKs' recordings one after
 * the other (both say id 1) are misread ("Error parsing constant pool type"); and one recording
 * after another of the same JVM would mix their threads (a part's thread ids are its own). Every
 * chunk is complete in itself, so a cut between chunks is always safe: the file is cut where the
 * same id stands for other metadata and where a chunk begins no later than the one ahead of it.
 * What {@code heaptrail alloc} writes (async-profiler's chunk, then the JDK's: other ids, later
 * start) is one part. A file of one part is read in place; the parts of others are copied to
 * private temporary files, removed by {@link #close()}.
 */
final class RecordingParts implements AutoCloseable {

    /** A metadata event larger than this is taken for a corrupt size. */
    private static final int LARGEST_METADATA = 64 << 20;

    /** One part: its file and whether async-profiler wrote it. */
    record Part(Path file, boolean asyncProfiler) {}

    private final List<Part> parts;
    private final List<Path> copies;

    private RecordingParts(List<Part> parts, List<Path> copies) {
        this.parts = parts;
        this.copies = copies;
    }

    /** The parts of {@code file}, whose chunk headers {@link RecordingChunks#check} accepted as {@code span}. */
    static RecordingParts open(Path file, RecordingChunks.Span span) throws IOException {
        List<List<RecordingChunks.Chunk>> runs = new ArrayList<>();
        List<Boolean> writers = new ArrayList<>(); // per part: whether async-profiler wrote any of it
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Metadata before = null;
            RecordingChunks.Chunk previous = null;
            for (RecordingChunks.Chunk chunk : span.chunks()) {
                Metadata m = metadata(file, channel, chunk);
                boolean cut = before == null || m.id() == before.id() && m.body() != before.body()
                        || chunk.startNanos() <= previous.startNanos();
                if (cut) {
                    runs.add(new ArrayList<>());
                    writers.add(false);
                }
                runs.get(runs.size() - 1).add(chunk);
                writers.set(writers.size() - 1, writers.get(writers.size() - 1) || m.asyncProfiler());
                before = m;
                previous = chunk;
            }
            if (runs.size() == 1) {
                return new RecordingParts(List.of(new Part(file, writers.get(0))), List.of());
            }
            List<Part> parts = new ArrayList<>();
            List<Path> copies = new ArrayList<>();
            RecordingParts opened = new RecordingParts(parts, copies);
            try {
                for (int i = 0; i < runs.size(); i++) {
                    Path copy = Files.createTempFile("heaptrail-sites-", ".jfr",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    copies.add(copy);
                    List<RecordingChunks.Chunk> run = runs.get(i);
                    long from = run.get(0).offset();
                    RecordingChunks.Chunk last = run.get(run.size() - 1);
                    copy(channel, from, last.offset() + last.size() - from, copy);
                    parts.add(new Part(copy, writers.get(i)));
                }
            } catch (IOException | RuntimeException e) {
                opened.close();
                throw new IOException("cannot copy the parts of " + file + " to " + System.getProperty("java.io.tmpdir")
                        + " (" + e.getMessage() + "): free some space there, or set another folder with"
                        + " -Djava.io.tmpdir in HEAPTRAIL_JAVA_OPTS", e);
            }
            return opened;
        }
    }

    List<Part> parts() {
        return parts;
    }

    /** Whether any part is async-profiler's. */
    boolean asyncProfiler() {
        return parts.stream().anyMatch(Part::asyncProfiler);
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (Path copy : copies) {
            try {
                Files.deleteIfExists(copy);
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static void copy(FileChannel from, long at, long length, Path to) throws IOException {
        try (FileChannel out = FileChannel.open(to, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            long done = 0;
            while (done < length) {
                long n = from.transferTo(at + done, length - done, out);
                if (n <= 0) {
                    throw new IOException("short copy at byte " + (at + done));
                }
                done += n;
            }
        }
    }

    /** What a chunk's metadata event says of its writer, and a hash of its types. */
    private record Metadata(long id, boolean asyncProfiler, int body) {}

    /**
     * Reads the head of a chunk's metadata event: its size, type id (0), start, duration and
     * metadata id, then its string table, in which async-profiler's event types ("profiler.")
     * appear. Numbers are LEB128 varints, strings tagged by their encoding, as JFR writes them.
     */
    private static Metadata metadata(Path file, FileChannel channel, RecordingChunks.Chunk chunk) throws IOException {
        long at = chunk.offset() + chunk.metadataOffset();
        long room = chunk.offset() + chunk.size() - at;
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(room, 16));
        channel.read(head, at);
        head.flip();
        Varints v = new Varints(head, file, at);
        long size = v.next();
        if (size <= 0 || size > room || size > LARGEST_METADATA) {
            throw new RecordingFormatException(file, at, "corrupt chunk: its metadata event has size " + size
                    + "; record it again", null);
        }
        ByteBuffer event = ByteBuffer.allocate((int) size);
        while (event.hasRemaining() && channel.read(event, at + event.position()) > 0) {
            // reads until full; the chunk check made sure the bytes are there
        }
        event.flip();
        v = new Varints(event, file, at);
        v.next(); // size
        long type = v.next();
        if (type != 0) {
            throw new RecordingFormatException(file, at, "corrupt chunk: no metadata event where its header says"
                    + " (type " + type + "); record it again", null);
        }
        v.next(); // start
        v.next(); // duration
        long id = v.next();
        int body = event.position();
        long strings = v.next();
        boolean asyncProfiler = false;
        for (long i = 0; i < strings && !asyncProfiler; i++) {
            asyncProfiler = v.string().startsWith("profiler.");
        }
        // What the metadata describes, without its header's times: the same in every chunk of a recording
        return new Metadata(id, asyncProfiler, event.position(body).hashCode());
    }

    /** LEB128 numbers and JFR's encoded strings from a buffer; running off its end is a corrupt file. */
    private static final class Varints {
        private final ByteBuffer in;
        private final Path file;
        private final long base;

        Varints(ByteBuffer in, Path file, long base) {
            this.in = in;
            this.file = file;
            this.base = base;
        }

        long next() throws RecordingFormatException {
            long value = 0;
            for (int i = 0; i < 9; i++) {
                int b = take();
                if (i == 8) {
                    return value | (long) b << 56;
                }
                value |= (long) (b & 0x7f) << (7 * i);
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            return value;
        }

        String string() throws RecordingFormatException {
            int encoding = take();
            switch (encoding) {
                case 0, 1 -> {
                    return "";
                }
                case 2 -> {
                    next(); // a constant: not a type name
                    return "";
                }
                case 3, 5 -> {
                    int n = length();
                    byte[] bytes = new byte[n];
                    in.get(bytes);
                    return new String(bytes, encoding == 3 ? java.nio.charset.StandardCharsets.UTF_8
                            : java.nio.charset.StandardCharsets.ISO_8859_1);
                }
                case 4 -> {
                    int n = length();
                    StringBuilder s = new StringBuilder(Math.min(n, 256));
                    for (int i = 0; i < n; i++) {
                        s.append((char) next());
                    }
                    return s.toString();
                }
                default -> throw corrupt("a string of unknown encoding " + encoding);
            }
        }

        private int length() throws RecordingFormatException {
            long n = next();
            if (n < 0 || n > in.remaining()) {
                throw corrupt("a string of " + n + " characters");
            }
            return (int) n;
        }

        private int take() throws RecordingFormatException {
            if (!in.hasRemaining()) {
                throw corrupt("an event that ends early");
            }
            return in.get() & 0xff;
        }

        private RecordingFormatException corrupt(String what) {
            return new RecordingFormatException(file, base + in.position(), "corrupt chunk metadata (" + what
                    + "); record it again", null);
        }
    }
}
