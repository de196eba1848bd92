package dev.heaptrail.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;

/** Runs a main class of this classpath in another JVM and waits for it. */
public final class ChildJvm {

    private ChildJvm() {}

    /** Runs and returns the child's output; throws when it fails or takes longer than the timeout. */
    public static String run(Path java, List<String> jvmOptions, Class<?> mainClass, List<String> args, long timeoutSeconds)
            throws IOException, InterruptedException {
        List<String> command = ChildProcess.javaCommand(java, jvmOptions, mainClass.getName(), args);
        try (ChildProcess child = ChildProcess.start(command)) {
            int exit;
            try {
                exit = child.waitFor(Duration.ofSeconds(timeoutSeconds));
            } catch (AssertionError e) {
                throw new IOException("child JVM timed out after " + timeoutSeconds + " s: " + command + "\n" + child.output());
            }
            if (exit != 0) {
                throw new IOException("child JVM exited " + exit + ": " + command + "\n" + child.output());
            }
            return child.output() + "\n";
        }
    }
}
