package dev.heaptrail.alloc;

import dev.heaptrail.testkit.ChildJvm;
import dev.heaptrail.testkit.Jdks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Real recordings of {@link RecordedProgram}, made once per test run under target/. */
final class Recordings {

    static final Path DIR = Path.of("target", "recordings");

    /** A recording, the line of its kept allocation (0 when clean), and what its main thread allocated while recording. */
    record Recorded(Path file, int keepLine, int kept, long allocated) {}

    private Recordings() {}

    static synchronized Recorded record(String name, Path java, String source, boolean leak, int seconds)
            throws IOException, InterruptedException {
        Files.createDirectories(DIR);
        Path out = DIR.resolve(name + ".jfr").toAbsolutePath();
        Path line = DIR.resolve(name + ".line");
        if (!Files.exists(out) || !Files.exists(line)) {
            Files.deleteIfExists(out);
            List<String> args = new ArrayList<>(List.of(source, out.toString(), Integer.toString(seconds), leak ? "leak" : "clean"));
            if (source.startsWith("async-profiler")) {
                args.add(asyncProfilerLibrary().toString());
            }
            List<String> jvm = new ArrayList<>(List.of("-Xmx256m", "-XX:+UseG1GC"));
            if (source.equals("jfr")) {
                // The default queue (256) keeps only recent samples of a program that makes garbage:
                // the advice the report gives for JFR recordings, followed.
                jvm.add("-XX:FlightRecorderOptions=old-object-queue-size=20000");
            }
            String output = ChildJvm.run(java, jvm, RecordedProgram.class, args, 120);
            Matcher m = Pattern.compile("keep-line (\\d+) kept (\\d+) bytes \\d+ allocated (\\d+)").matcher(output);
            if (!m.find()) {
                throw new IOException("the recorded program said nothing of its kept line: " + output);
            }
            Files.writeString(line, m.group(1) + " " + m.group(2) + " " + m.group(3));
        }
        String[] known = Files.readString(line).trim().split(" ");
        return new Recorded(out, Integer.parseInt(known[0]), Integer.parseInt(known[1]), Long.parseLong(known[2]));
    }

    static Recorded jfr(String name, boolean leak) throws IOException, InterruptedException {
        return record(name, Jdks.current(), "jfr", leak, 6);
    }

    static Recorded asyncProfiler(String name, boolean leak) throws IOException, InterruptedException {
        return record(name, Jdks.current(), "async-profiler", leak, 6);
    }

    /** Recordings one after the other in one file, as cat would join them. */
    static Path concatenated(String name, List<Path> parts) throws IOException {
        Path out = DIR.resolve(name);
        Files.deleteIfExists(out);
        for (Path p : parts) {
            Files.write(out, Files.readAllBytes(p), java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
        return out;
    }

    /** The linux-x64 library from the async-profiler jar on the test class path. */
    static Path asyncProfilerLibrary() throws IOException {
        Path lib = DIR.resolve("libasyncProfiler.so").toAbsolutePath();
        if (!Files.exists(lib)) {
            try (InputStream in = Recordings.class.getClassLoader().getResourceAsStream("linux-x64/libasyncProfiler.so")) {
                if (in == null) {
                    throw new IOException("no linux-x64/libasyncProfiler.so on the class path");
                }
                Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return lib;
    }
}
