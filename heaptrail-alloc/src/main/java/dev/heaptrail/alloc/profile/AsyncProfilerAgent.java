package dev.heaptrail.alloc.profile;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import dev.heaptrail.live.AttachFailedException;
import dev.heaptrail.live.JvmConnection;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * async-profiler (the library of {@code tools.profiler:async-profiler}) in a target JVM, driven
 * through the attach API as its own launcher drives it: each command is one {@code loadAgentPath}
 * with the command as options. Its messages go to a log file in the work folder, never to the
 * target's stdout.
 */
final class AsyncProfilerAgent {

    /** The library's name in the jar (the macOS build keeps the .so suffix). */
    private static final String LIBRARY = "libasyncProfiler.so";

    private final JvmConnection jvm;
    private final long pid;
    private final String library;
    private final TargetFolder work;

    AsyncProfilerAgent(JvmConnection jvm, long pid, String library, TargetFolder work) {
        this.jvm = jvm;
        this.pid = pid;
        this.library = library;
        this.work = work;
    }

    /**
     * The jar's folder for a JVM on this OS and architecture ({@code os.name}, {@code os.arch}), or
     * null where async-profiler has no build.
     */
    static String platform(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("mac")) {
            return "macos"; // one universal library for x64 and arm64
        }
        if (os.equals("linux")) {
            return switch (osArch) {
                case "amd64", "x86_64" -> "linux-x64";
                case "aarch64", "arm64" -> "linux-arm64";
                default -> null;
            };
        }
        return null;
    }

    /**
     * A library of another copy of async-profiler that process {@code pid} has loaded (the user's
     * own profiler): two copies in one JVM share its heap sampler and its signal handlers. Null when
     * none is seen (or the target's memory map is not readable).
     */
    static String otherCopy(long pid, String ours) {
        try (Stream<String> maps = Files.lines(Path.of("/proc", Long.toString(pid), "maps"))) {
            return maps.map(line -> line.substring(line.indexOf('/') < 0 ? line.length() : line.indexOf('/')))
                    .filter(p -> p.endsWith("/" + LIBRARY) && !p.equals(ours) && !p.equals(ours + " (deleted)"))
                    .findFirst().orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Extracts the library for {@code platform} into a folder process {@code pid} reaches. The
     * folder's name holds the library's hash and the target's user, so the next profile of the same
     * target finds the library the target has loaded already (the loader knows it by its path)
     * instead of loading a second copy. Null when this jar has no library for that platform.
     */
    static Extracted extract(long pid, String platform) throws IOException {
        byte[] bytes;
        try (InputStream in = AsyncProfilerAgent.class.getClassLoader().getResourceAsStream(platform + "/" + LIBRARY)) {
            if (in == null) {
                return null;
            }
            bytes = in.readAllBytes();
        }
        String name = "heaptrail-async-profiler-" + sha256(bytes).substring(0, 12) + "-" + owner(pid);
        TargetFolder folder = TargetFolder.named(pid, name);
        boolean shared = folder != null;
        if (!shared) {
            folder = TargetFolder.create(pid, "heaptrail-async-profiler-"); // someone else's folder under that name
        }
        Path file = folder.here(LIBRARY);
        if (!sameContent(file, bytes)) {
            Path part = Files.createTempFile(folder.here("."), "lib", ".part",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(part, bytes);
            Files.setPosixFilePermissions(part, PosixFilePermissions.fromString("r-x------"));
            folder.handOver(part);
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return new Extracted(folder, folder.there(LIBRARY), shared);
    }

    /**
     * @param path   the library as the target sees it
     * @param shared false when its folder has a random name (the target loads a copy of its own)
     */
    record Extracted(TargetFolder folder, String path, boolean shared) {}

    /**
     * Starts allocation sampling of live objects into {@code jfrFile} (as the target sees it); the
     * profiler stops by itself after {@code timeoutSeconds}, even if heaptrail is gone by then.
     */
    void start(long sampleBytes, long timeoutSeconds, String jfrFile) throws IOException {
        command("start," + (sampleBytes > 0 ? "alloc=" + sampleBytes : "event=alloc") + ",live,timeout=" + timeoutSeconds
                + ",quiet,file=" + jfrFile + ",jfr", "start");
    }

    /**
     * Stops it: it writes its survivors (objects sampled and still alive) and ends the recording.
     * False when it was not running any more: its own timeout had stopped it.
     */
    boolean stop() throws IOException {
        try {
            command("stop,quiet", "stop");
            return true;
        } catch (AttachFailedException e) {
            if (e.getMessage().contains("not active")) {
                return false;
            }
            throw e;
        }
    }

    /** Whether it is profiling now, as its {@code status} command says. */
    boolean running() throws IOException {
        String file = "status.txt";
        // the log at /dev/null: the profiler keeps its last log open, and the work folder goes away
        load("status,log=/dev/null,file=" + work.there(file), "status");
        String status = Files.readString(work.here(file)).trim();
        Files.delete(work.here(file));
        if (status.startsWith("Profiling is running")) {
            return true;
        }
        if (status.startsWith("Profiler is not active")) {
            return false;
        }
        throw new AttachFailedException("async-profiler in process " + pid + " gave an unexpected status: " + status, null);
    }

    private void command(String options, String what) throws IOException {
        load(options + ",log=" + work.there("async-profiler.log"), what);
    }

    private void load(String options, String what) throws IOException {
        try {
            jvm.loadAgentPath(library, options);
        } catch (AgentLoadException e) {
            throw new AttachFailedException("process " + pid + " could not load async-profiler (" + library + "): "
                    + e.getMessage(), e);
        } catch (AgentInitializationException e) {
            throw new AttachFailedException("async-profiler's " + what + " failed in process " + pid + ": " + log(), e);
        }
    }

    /** The profiler's last error, from its log. */
    private String log() {
        try {
            List<String> lines = Files.readAllLines(work.here("async-profiler.log"));
            return lines.stream().filter(l -> l.startsWith("[ERROR]")).reduce((a, b) -> b)
                    .map(l -> l.substring("[ERROR]".length()).trim()).orElse(String.join(" ", lines).trim());
        } catch (NoSuchFileException e) {
            return "it wrote no log";
        } catch (IOException e) {
            return "its log is unreadable: " + e.getMessage();
        }
    }

    private static boolean sameContent(Path file, byte[] bytes) {
        try {
            return Files.size(file) == bytes.length && java.util.Arrays.equals(Files.readAllBytes(file), bytes);
        } catch (IOException e) {
            return false;
        }
    }

    private static String owner(long pid) {
        try {
            return String.valueOf(Files.getAttribute(Path.of("/proc", Long.toString(pid)), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return System.getProperty("user.name");
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
