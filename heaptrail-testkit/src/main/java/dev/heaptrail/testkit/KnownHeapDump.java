package dev.heaptrail.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(program.getName());
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder said = new StringBuilder();
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("ready ")) {
                said.append(line).append('\n'); // JVM warnings about deprecated options come first
            }
            if (line == null) {
                throw new IOException(program.getSimpleName() + " did not start: " + said);
            }
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
            try (OutputStream in = child.getOutputStream()) {
                in.write('\n');
            }
            child.waitFor(30, TimeUnit.SECONDS);
            return new Result(dump, histogram);
        } finally {
            child.destroyForcibly();
        }
    }

    private static String jcmd(Path jcmd, String pid, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(jcmd.toString(), pid));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + String.join(" ", args) + " failed: " + text);
        }
        return text;
    }
}
