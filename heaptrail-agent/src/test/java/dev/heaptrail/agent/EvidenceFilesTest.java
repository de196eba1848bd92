package dev.heaptrail.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Evidence files: a private folder, names that sort by time, and no more than keepFiles of a kind. */
class EvidenceFilesTest {

    @TempDir
    Path tmp;

    @Test
    void theOldestFilesOfAKindGoOnceKeepFilesAreThere() throws Exception {
        Path dir = tmp.resolve("evidence");
        AgentOptions options = AgentOptions.parse("keepFiles=2,dir=" + dir, Map.of());
        Evidence evidence = new Evidence(options, new AgentMetrics(), new AgentLog());
        Path other = null;
        for (int i = 0; i < 5; i++) {
            Path f = evidence.file("histogram", ".txt");
            Files.writeString(f, "histogram " + i);
            if (i == 0) {
                other = evidence.file("heapdump", ".hprof");
                Files.writeString(other, "dump");
            }
            Thread.sleep(2); // names carry milliseconds
        }
        assertThat(Files.getPosixFilePermissions(dir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("heaptrail-histogram-"))
                    .map(n -> readQuietly(dir.resolve(n))).sorted()).containsExactly("histogram 3", "histogram 4");
        }
        assertThat(other).exists(); // another kind keeps its own count
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
