package dev.heaptrail.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the real command line in-process and keeps what it printed. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The error as a user sees it: exactly one line, no stack trace. */
    String oneLineError() {
        String e = err.strip();
        if (e.isEmpty() || e.contains("\n") || e.contains("\tat ")) {
            throw new AssertionError("expected one line on stderr, got:\n" + err);
        }
        return e;
    }
}
