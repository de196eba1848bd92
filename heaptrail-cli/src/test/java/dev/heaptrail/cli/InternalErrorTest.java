package dev.heaptrail.cli;

import java.util.List;
import dev.heaptrail.testkit.ChildProcess;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A bug ends in exit 70 and one line asking for a report; the stack trace only with --debug. */
class InternalErrorTest {

    private static final String BUG = "simulated bug for the exit-70 test";

    @Test
    void aBugIsExitSeventyInOneLine() {
        System.setProperty(Cli.TEST_INTERNAL_ERROR, BUG);
        try {
            CliRun run = CliRun.of("info", "whatever.hprof");
            assertThat(run.exitCode()).isEqualTo(70);
            assertThat(run.out()).isEmpty();
            assertThat(run.oneLineError()).isEqualTo("heaptrail: internal error: java.lang.IllegalStateException: " + BUG
                    + " (a bug in heaptrail: rerun with --debug and report the output)");
            CliRun debug = CliRun.of("analyze", "whatever.hprof", "--debug");
            assertThat(debug.exitCode()).isEqualTo(70);
            assertThat(debug.err()).startsWith("heaptrail: internal error:").contains("\tat dev.heaptrail.cli.Cli");
        } finally {
            System.clearProperty(Cli.TEST_INTERNAL_ERROR);
        }
        assertThat(CliRun.of("info", "whatever.hprof").exitCode()).as("without the property: a missing file").isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void theProcessExitsSeventy() throws Exception {
        int exit;
        String err;
        try (ChildProcess p = ChildProcess.start(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + Cli.TEST_INTERNAL_ERROR + "=" + BUG, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "histo", "whatever.hprof"))) {
            exit = p.waitFor(java.time.Duration.ofSeconds(60));
            err = p.output().strip(); // stdout is empty: this is what it wrote on stderr
        }
        assertThat(exit).as(err).isEqualTo(70);
        assertThat(err).doesNotContain("\n").contains("internal error").contains(BUG);
    }
}
