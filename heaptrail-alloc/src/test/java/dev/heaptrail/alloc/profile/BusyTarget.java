package dev.heaptrail.alloc.profile;

import dev.heaptrail.testkit.BusyAllocator;
import dev.heaptrail.testkit.ChildProcess;
import dev.heaptrail.testkit.Jdks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** testkit's {@link BusyAllocator} in a child JVM of a given Java release. */
final class BusyTarget {

    /** The allocator's source, which JDK 11 runs with its source launcher (the compiled class is for 17). */
    static final Path SOURCE = Path.of("..", "heaptrail-testkit", "src", "main", "java", "dev", "heaptrail", "testkit",
            "BusyAllocator.java");

    private BusyTarget() {}

    /** The java launcher of JDK {@code feature} (this JVM's for 17); the test is skipped where there is none. */
    static Path java(int feature) {
        if (feature == Runtime.version().feature()) {
            return Jdks.current();
        }
        Optional<Path> java = Jdks.find(feature);
        assumeTrue(java.isPresent(), "no JDK " + feature + " beside this one (set HEAPTRAIL_JDK" + feature
                + " to test against one, or run .ci/setup)");
        return java.get();
    }

    /** Starts the allocator on JDK {@code feature} with these JVM options and arguments; returns once it is ready. */
    static ChildProcess start(int feature, List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        return start(new ProcessBuilder(command(feature, jvmOptions, args)));
    }

    static ChildProcess start(ProcessBuilder builder) throws IOException, InterruptedException {
        ChildProcess child = ChildProcess.start(builder, true);
        child.await(Pattern.compile("^ready \\d+$"), Duration.ofSeconds(60));
        return child;
    }

    static List<String> command(int feature, List<String> jvmOptions, String... args) {
        Path java = java(feature);
        List<String> options = new ArrayList<>(List.of("-Xmx512m"));
        options.addAll(jvmOptions);
        if (feature >= 17) {
            return ChildProcess.javaCommand(java, options, BusyAllocator.class.getName(), List.of(args));
        }
        assumeTrue(Files.isRegularFile(SOURCE), "no " + SOURCE.toAbsolutePath() + " (the tests run from the module folder)");
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(options);
        command.add(SOURCE.toAbsolutePath().normalize().toString());
        command.addAll(List.of(args));
        return command;
    }
}
