package dev.heaptrail.junit;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A JVM in which System.gc() does nothing cannot pass a leak check: it fails, saying why. */
class NoCollectionTest {

    @Test
    void aJvmThatIgnoresSystemGcFailsTheCheckWithTheReason() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-XX:+DisableExplicitGC", "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                NoCollectionMain.class.getName()).redirectErrorStream(true).start();
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the child JVM ends").isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(out).doesNotContain("PASSED").contains("java.lang.IllegalStateException: System.gc() did not collect")
                    .contains("-XX:+DisableExplicitGC");
        } finally {
            p.destroyForcibly();
        }
    }
}
