package dev.heaptrail.testkit;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A child JVM killed by the test leaves no attach socket behind for a later JVM of the same PID to trip on. */
class ChildProcessTest {

    @Test
    void closingAChildJvmThatWasAttachedToRemovesItsAttachSocket() throws Exception {
        Path java = Jdks.current();
        Path socket;
        try (ChildProcess child = ChildProcess.start(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                LeakScenarios.class.getName(), "nested"))) {
            Matcher ready = child.await(Pattern.compile("ready (\\d+)"), Duration.ofSeconds(60));
            long pid = Long.parseLong(ready.group(1));
            Process jcmd = new ProcessBuilder(java.resolveSibling("jcmd").toString(), Long.toString(pid), "VM.uptime")
                    .redirectErrorStream(true).start();
            jcmd.getInputStream().readAllBytes();
            assertThat(jcmd.waitFor(60, TimeUnit.SECONDS)).isTrue();
            socket = Path.of("/tmp", ".java_pid" + pid);
            assertThat(socket).as("attaching made the socket").exists();
        }
        assertThat(Files.exists(socket)).as("the socket of the killed child").isFalse();
    }
}
