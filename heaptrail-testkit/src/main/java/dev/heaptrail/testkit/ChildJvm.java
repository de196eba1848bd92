package dev.heaptrail.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a main class of this classpath in another JVM and waits for it. */
public final class ChildJvm {

    private ChildJvm() {}

    /** Runs and returns the child's output; throws when it fails or takes longer than the timeout. */
    public static String run(Path java, List<String> jvmOptions, Class<?> mainClass, List<String> args, long timeoutSeconds)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(args);
        Path log = Files.createTempFile("heaptrail-child", ".log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("child JVM timed out after " + timeoutSeconds + " s: " + command);
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException("child JVM exited " + p.exitValue() + ": " + command + "\n" + out);
            }
            return out;
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
