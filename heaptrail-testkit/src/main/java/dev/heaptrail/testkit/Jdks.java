package dev.heaptrail.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the JDKs installed beside the one running the tests. */
public final class Jdks {

    private Jdks() {}

    /** The java launcher of the JVM running this code. */
    public static Path current() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * A JDK of the given feature version: {@code HEAPTRAIL_JDK<version>} if set, else a folder under
     * /usr/lib/jvm whose name holds the version (e.g. temurin-25-jdk-amd64).
     */
    public static Optional<Path> find(int feature) {
        String env = System.getenv("HEAPTRAIL_JDK" + feature);
        if (env != null && Files.isExecutable(Path.of(env, "bin", "java"))) {
            return Optional.of(Path.of(env, "bin", "java"));
        }
        Path root = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(d -> d.getFileName().toString().matches(".*\\D" + feature + "(\\D.*)?"))
                    .map(d -> d.resolve("bin").resolve("java"))
                    .filter(Files::isExecutable)
                    .sorted(Comparator.naturalOrder())
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
