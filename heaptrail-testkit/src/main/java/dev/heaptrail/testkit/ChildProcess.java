package dev.heaptrail.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process a test starts, bound to the test JVM's life:
 * <ul>
 * <li>it dies with the test JVM, even one killed with -9 (a fork timeout): started under
 * {@code setpriv --pdeathsig KILL}, from one thread that lives as long as the JVM (the kernel sends
 * the parent-death signal when the thread that forked ends, not the process), and killed by a
 * shutdown hook on an orderly exit;</li>
 * <li>its output (stderr merged) is read as it comes into {@link #lines()}, so a chatty child never
 * blocks on a full pipe, and a test can wait for a line;</li>
 * <li>a heavy one (a JVM that churns memory) holds one of as many permits as there are cores
 * until it ends, so side-by-side tests never run more of them at once than the machine can.</li>
 * </ul>
 */
public final class ChildProcess implements AutoCloseable {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static final Semaphore CORES = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()), true);
    private static final ExecutorService SPAWNER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "child-process-spawner");
        t.setDaemon(true); // it never ends before the JVM does: it keeps waiting for work
        return t;
    });
    private static final String SETPRIV = "/usr/bin/setpriv";
    private static final String ENV = "/usr/bin/env";

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(ChildProcess::kill), "child-process-reaper"));
    }

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private final boolean heavy;
    private volatile boolean released;

    private ChildProcess(Process process, boolean heavy) {
        this.process = process;
        this.heavy = heavy;
        this.reader = new Thread(this::drain, "child-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a light child (one that mostly sleeps or waits). */
    public static ChildProcess start(List<String> command) throws IOException {
        return start(new ProcessBuilder(command), false);
    }

    /** Starts a child that keeps a core busy; waits for a free core first. */
    public static ChildProcess startHeavy(List<String> command) throws IOException {
        return start(new ProcessBuilder(command), true);
    }

    /**
     * Starts the builder's command (its directory and environment kept; stderr merged into stdout
     * unless the builder redirects output elsewhere).
     */
    public static ChildProcess start(ProcessBuilder builder, boolean heavy) throws IOException {
        List<String> command = new ArrayList<>(builder.command());
        String program = command.get(0);
        // Signals the test JVM was started ignoring (nohup, a background job without job control) would
        // be ignored by every child too, and a JVM keeps an ignored SIGINT ignored: Ctrl-C tests would
        // depend on how the build was started. Each child starts with the default handling instead.
        if (Files.isExecutable(Path.of(ENV))) {
            command.addAll(0, List.of(ENV, "--default-signal=HUP,INT,QUIT,TERM"));
        }
        if (Files.isExecutable(Path.of(SETPRIV))) {
            command.addAll(0, List.of(SETPRIV, "--pdeathsig", "KILL", "--"));
        }
        builder.command(command);
        if (builder.redirectOutput().type() == ProcessBuilder.Redirect.Type.PIPE
                && builder.redirectError().type() == ProcessBuilder.Redirect.Type.PIPE) {
            builder.redirectErrorStream(true);
        }
        if (heavy) {
            CORES.acquireUninterruptibly();
        }
        try {
            Process p = SPAWNER.submit(builder::start).get();
            LIVE.add(p);
            awaitExec(p, program);
            return new ChildProcess(p, heavy);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting " + command, e);
        } catch (ExecutionException e) {
            if (heavy) {
                CORES.release();
            }
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (RuntimeException e) {
            if (heavy) {
                CORES.release();
            }
            throw e;
        }
    }

    /**
     * Waits until the wrappers (setpriv, env) have handed over to the program itself, so that a
     * test reading the child's /proc entry (ps, watch) finds the program, not a wrapper.
     */
    private static void awaitExec(Process p, String program) {
        Path cmdline = Path.of("/proc", Long.toString(p.pid()), "cmdline");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (p.isAlive() && System.nanoTime() < deadline) {
            try {
                byte[] bytes = Files.readAllBytes(cmdline);
                int end = 0;
                while (end < bytes.length && bytes[end] != 0) {
                    end++;
                }
                if (new String(bytes, 0, end, StandardCharsets.UTF_8).equals(program)) {
                    return;
                }
                Thread.sleep(2);
            } catch (IOException e) {
                return; // no /proc here, or the child is gone
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A java command line for a main class of this test classpath. */
    public static List<String> javaCommand(Path java, List<String> jvmOptions, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    private void drain() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the child ended or was killed
        }
    }

    public Process process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    /** Every line the child printed so far. */
    public List<String> lines() {
        return lines;
    }

    public String output() {
        return String.join("\n", lines);
    }

    /** The first line matching, waiting up to the timeout; throws with all the child said when none comes. */
    public Matcher await(Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (true) {
            List<String> now = lines;
            for (int i = seen; i < now.size(); i++) {
                Matcher m = pattern.matcher(now.get(i));
                if (m.find()) {
                    return m;
                }
            }
            seen = now.size();
            if (System.nanoTime() > deadline || (!process.isAlive() && !reader.isAlive() && seen == lines.size())) {
                throw new AssertionError("no line matching " + pattern + " within " + timeout
                        + (process.isAlive() ? "" : " (the child exited " + process.exitValue() + ")")
                        + "; the child said:\n" + output());
            }
            Thread.sleep(50);
        }
    }

    /** Waits for a line equal to {@code text}. */
    public void awaitLine(String text, Duration timeout) throws InterruptedException {
        await(Pattern.compile("^" + Pattern.quote(text) + "$"), timeout);
    }

    /** Waits for the child to end; its exit code, or throws with its output after the timeout. */
    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the child did not end within " + timeout + "; it said:\n" + output());
        }
        reader.join(5_000); // the last lines
        release();
        return process.exitValue();
    }

    /** Writes a line to the child's stdin. */
    public void send(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    @Override
    public void close() {
        kill(process);
        release();
    }

    private void release() {
        LIVE.remove(process);
        synchronized (this) {
            if (heavy && !released && !process.isAlive()) {
                released = true;
                CORES.release();
            }
        }
    }

    private static void kill(Process p) {
        List<Long> pids = new ArrayList<>();
        pids.add(p.pid());
        p.descendants().forEach(d -> pids.add(d.pid()));
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        removeAttachSockets(pids);
    }

    /**
     * A JVM killed with -9 leaves its attach socket ({@code /tmp/.java_pidN}) behind; a later JVM
     * given the same PID is then unreachable through it ("Connection refused"). Removed for the
     * children that are gone.
     */
    static void removeAttachSockets(List<Long> pids) {
        for (long pid : pids) {
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                continue;
            }
            try {
                Files.deleteIfExists(Path.of("/tmp", ".java_pid" + pid));
            } catch (IOException | SecurityException e) {
                // another user's socket: the product's own check (StaleAttachSocket) copes with it
            }
        }
    }
}
