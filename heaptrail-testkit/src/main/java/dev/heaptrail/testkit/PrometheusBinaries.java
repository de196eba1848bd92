package dev.heaptrail.testkit;

import dev.heaptrail.testkit.PrometheusServer.PrometheusException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Where {@code prometheus} and {@code promtool} are: HEAPTRAIL_PROMETHEUS_DIR, PATH or /usr/bin. The
 * tests install nothing: {@code .ci/setup} installs the Debian package. Used through {@link PrometheusServer}.
 */
record PrometheusBinaries(Path prometheus, Path promtool) {

    private record Run(int exit, String output) {}

    private static PrometheusBinaries found;
    private static String unavailable;

    /** The binaries, or null with {@link #whyUnavailable()} set. The first call may install them. */
    static synchronized PrometheusBinaries find() {
        if (found == null && unavailable == null) {
            locate();
        }
        return found;
    }

    static synchronized String whyUnavailable() {
        find();
        return unavailable;
    }

    static PrometheusBinaries require() {
        PrometheusBinaries binaries = find();
        if (binaries == null) {
            throw new IllegalStateException(whyUnavailable());
        }
        return binaries;
    }

    /** Runs promtool; returns its output, throws {@link PrometheusException} with it when promtool says no. */
    String promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(args));
        Run run = run(command, Duration.ofSeconds(60));
        if (run.exit() != 0) {
            throw new PrometheusException("promtool " + String.join(" ", args) + " failed (exit " + run.exit() + "):\n"
                    + run.output());
        }
        return run.output();
    }

    private static void locate() {
        found = onDisk().orElse(null);
        unavailable = found == null
                ? "prometheus and promtool are neither in HEAPTRAIL_PROMETHEUS_DIR, on PATH nor in /usr/bin: install the"
                        + " Debian package prometheus (.ci/setup does), or set HEAPTRAIL_PROMETHEUS_DIR to a folder holding both"
                : null;
    }

    private static Optional<PrometheusBinaries> onDisk() {
        List<Path> dirs = new ArrayList<>();
        String env = System.getenv("HEAPTRAIL_PROMETHEUS_DIR");
        if (env != null && !env.isBlank()) {
            dirs.add(Path.of(env));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                dirs.add(Path.of(dir));
            }
        }
        dirs.add(Path.of("/usr/bin"));
        // Both from one folder, so promtool checks rules for the server that will run them.
        return dirs.stream()
                .map(dir -> new PrometheusBinaries(dir.resolve("prometheus"), dir.resolve("promtool")))
                .filter(b -> Files.isExecutable(b.prometheus()) && Files.isExecutable(b.promtool()))
                .findFirst();
    }

    private static Run run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        try (ChildProcess p = ChildProcess.start(command)) {
            try {
                return new Run(p.waitFor(timeout), p.output());
            } catch (AssertionError timedOut) {
                return new Run(-1, p.output() + "\n(timed out after " + timeout.toSeconds() + " s)");
            }
        }
    }

    static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
