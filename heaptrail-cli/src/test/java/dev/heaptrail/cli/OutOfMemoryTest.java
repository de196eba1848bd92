package dev.heaptrail.cli;

import dev.heaptrail.testkit.HprofWriter;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import dev.heaptrail.testkit.ChildProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Too little heap for a dump ends in exit 4 and one line saying how to give more, not a stack trace. */
class OutOfMemoryTest {

    @Test
    void tooSmallAHeapIsAnEnvironmentProblem() throws Exception {
        // 300,000 names of 100 bytes: more than a 16 MB heap can hold as strings.
        HprofWriter w = new HprofWriter("JAVA PROFILE 1.0.2", 8, 0);
        String pad = "x".repeat(92);
        for (int i = 0; i < 300_000; i++) {
            w.record(0x01, w.body().id(i + 1).utf8(String.format("%08d", i) + pad).build());
        }
        w.record(0x1C, new byte[0]);
        w.record(0x2C, new byte[0]);
        Path dump = w.writeTo(Path.of("target", "many-names.hprof"));

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx16m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "histo", dump.toString(), "--quiet"));
        Path errFile = Path.of("target", "many-names.err");
        int exit;
        try (ChildProcess p = ChildProcess.start(new ProcessBuilder(command).redirectError(errFile.toFile()), false)) {
            exit = p.waitFor(Duration.ofSeconds(60));
        }
        String err = Files.readString(errFile).strip();
        assertThat(exit).as(err).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(err).doesNotContain("\n").startsWith("heaptrail: ran out of memory").contains("HEAPTRAIL_JAVA_OPTS=-Xmx");
    }
}
