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
 * Where {@code prometheus} and {@code promtool} are: HEAPTRAIL_PROMETHEUS_DIR, PATH or /usr/bin, or
 * installed once with apt-get when the tests run as root. Used through {@link PrometheusServer}.
 */
record PrometheusBinaries(Path prometheus, Path promtool) {

    private record Run(int exit, String output) {}

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

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
        Optional<PrometheusBinaries> binaries = onDisk();
        String why = "prometheus and promtool are neither in HEAPTRAIL_PROMETHEUS_DIR, on PATH nor in /usr/bin";
        if (binaries.isEmpty() && !isRoot()) {
            why += "; install the package prometheus (the tests do it when run as root) or set HEAPTRAIL_PROMETHEUS_DIR"
                    + " to a folder holding both";
        } else if (binaries.isEmpty()) {
            String failure = install();
            binaries = onDisk();
            if (binaries.isEmpty()) {
                why += "; installing the package prometheus failed: " + (failure == null ? "it brought no binaries" : failure);
            }
        }
        found = binaries.orElse(null);
        unavailable = found == null ? why : null;
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

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** Installs the Debian package; null when apt-get succeeded, else what went wrong. */
    private static String install() {
        // --no-install-recommends: the server alone, without node-exporter and friends. Where systemd
        // runs, the package also starts its own service on :9090; ours listens on a port of its own.
        // The lock timeout waits for another apt or dpkg (e.g. a parallel build) instead of failing.
        List<String> install = List.of("apt-get", "install", "-y", "-q", "--no-install-recommends",
                "-o", "DPkg::Lock::Timeout=120", "prometheus");
        try {
            Run run = run(install, INSTALL_TIMEOUT);
            if (run.exit() != 0 && packageListsMissing(run.output())) {
                Run update = run(List.of("apt-get", "update", "-q"), INSTALL_TIMEOUT);
                if (update.exit() != 0) {
                    return "apt-get update: " + tail(update.output(), 10);
                }
                run = run(install, INSTALL_TIMEOUT);
            }
            return run.exit() == 0 ? null : String.join(" ", install) + ": " + tail(run.output(), 10);
        } catch (IOException e) {
            return "cannot run apt-get: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while installing";
        }
    }

    /** Never updated lists, or stale ones whose files are gone from the mirror. */
    private static boolean packageListsMissing(String aptOutput) {
        return aptOutput.contains("Unable to locate package") || aptOutput.contains("has no installation candidate")
                || aptOutput.contains("404");
    }

    private static Run run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Path out = Files.createTempFile("heaptrail-prometheus", ".log");
        try {
            Process p = builder.redirectOutput(out.toFile()).start();
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.destroy(); // SIGTERM: apt-get and dpkg clean up after themselves
                p.waitFor(10, TimeUnit.SECONDS);
            }
            String output = new String(Files.readAllBytes(out), StandardCharsets.UTF_8);
            return done ? new Run(p.exitValue(), output)
                    : new Run(-1, output + "\n(timed out after " + timeout.toSeconds() + " s)");
        } finally {
            Files.deleteIfExists(out);
        }
    }

    static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
