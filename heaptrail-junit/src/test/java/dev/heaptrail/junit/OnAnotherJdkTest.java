package dev.heaptrail.junit;

import dev.heaptrail.testkit.Jdks;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The checks on JDK 25 (the build runs on 17): another reflection (method handles), another
 * collector's records, another dump layout for the leak trace.
 */
class OnAnotherJdkTest {

    @Test
    void onJdk25ACleanBodyPassesAndALeakIsTracedToItsField() throws Exception {
        Optional<Path> java25 = Jdks.find(25);
        assumeTrue(java25.isPresent(), "no JDK 25 here (set HEAPTRAIL_JDK25 or install one under /usr/lib/jvm)");
        Process p = new ProcessBuilder(java25.get().toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                OnAnotherJdkMain.class.getName()).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(out).contains("clean: passed")
                    .containsPattern("leaking: LeakError held by static field OnAnotherJdkMain\\.KEPT signature [0-9a-f]{12}");
        } finally {
            p.destroyForcibly();
        }
    }
}
