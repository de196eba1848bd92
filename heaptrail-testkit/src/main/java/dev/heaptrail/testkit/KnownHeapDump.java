package dev.heaptrail.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Starts {@link KnownHeap} in a child JVM, then from outside, with that JDK's {@code jcmd} (whose
 * work runs natively in the target and allocates nothing there between the two), takes its class
 * histogram and a heap dump: {@code histogram.txt} and {@code heap.hprof} (or {@code heap.hprof.gz}).
 */
public final class KnownHeapDump {

    private KnownHeapDump() {}

    public record Result(Path dump, Path histogram) {}

    public static Result create(Path java, List<String> jvmOptions, Path dir, boolean gz) throws IOException, InterruptedException {
        return create(java, jvmOptions, dir, gz, KnownHeap.class);
    }

    /**
     * As {@link #create(Path, List, Path, boolean)} for any program that builds its heap, prints
     * "ready PID" and waits for a line on stdin.
     */
    public static Result create(Path java, List<String> jvmOptions, Path dir, boolean gz, Class<?> program, String... args)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path dump = dir.resolve(gz ? "heap.hprof.gz" : "heap.hprof").toAbsolutePath();
        Path histogram = dir.resolve("histogram.txt");
        Files.deleteIfExists(dump);
        List<String> command = ChildProcess.javaCommand(java, jvmOptions, program.getName(), List.of(args));
        try (ChildProcess child = ChildProcess.start(command)) {
            // JVM warnings about deprecated options may come first
            child.await(Pattern.compile("^ready "), Duration.ofSeconds(120));
            String pid = Long.toString(child.pid());
            Path jcmd = java.getParent().resolve("jcmd");
            jcmd(jcmd, pid, "VM.version"); // the first attach starts the attach listener: let that settle first
            jcmd(jcmd, pid, "GC.run");
            Files.writeString(histogram, jcmd(jcmd, pid, "GC.class_histogram"));
            List<String> dumpArgs = new ArrayList<>(List.of("GC.heap_dump"));
            if (gz) {
                dumpArgs.add("-gz=1");
            }
            dumpArgs.add(dump.toString());
            jcmd(jcmd, pid, dumpArgs.toArray(new String[0]));
            if (!Files.exists(dump)) {
                throw new IOException("jcmd wrote no dump at " + dump);
            }
            child.send("");
            child.waitFor(Duration.ofSeconds(30));
            return new Result(dump, histogram);
        }
    }

    private static String jcmd(Path jcmd, String pid, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(jcmd.toString(), pid));
        command.addAll(List.of(args));
        String text;
        try (ChildProcess p = ChildProcess.start(command)) {
            int exit;
            try {
                exit = p.waitFor(Duration.ofSeconds(120));
            } catch (AssertionError e) {
                throw new IOException("jcmd " + String.join(" ", args) + " timed out: " + p.output());
            }
            text = p.output() + "\n";
            if (exit != 0) {
                throw new IOException("jcmd " + String.join(" ", args) + " failed: " + text);
            }
        }
        return text;
    }
}
