package dev.heaptrail.alloc.profile;

import com.sun.tools.attach.AttachNotSupportedException;
import dev.heaptrail.alloc.Source;
import dev.heaptrail.live.AttachFailedException;
import dev.heaptrail.live.JvmConnection;
import dev.heaptrail.live.ProcessTable;
import dev.heaptrail.live.RunningProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Profiles a running JVM's allocations for a while and writes one recording (JFR format) in which
 * the objects that survive are visible: async-profiler's samples of live objects where its library
 * loads (with the JDK's own recording beside it for reference chains), JDK Flight Recorder's
 * old-object samples elsewhere. A full collection in the target just before the end leaves only
 * objects really alive among the survivors.
 *
 * <p>Nothing is left running in the target: the profiler and the recording are stopped whatever
 * happens, and each is started with a time limit of its own ({@link #selfStop}), so that they stop
 * by themselves even if heaptrail is killed. One instance profiles once. {@link #close()} may be
 * called from any thread (a Ctrl-C hook): it ends the window early, and the profile still collects
 * what it has.
 *
 * <p>Failures are {@link AttachFailedException}s whose one-line message says what is wrong and what
 * to do (heaptrail's exit 4).
 */
public final class AllocationProfiler implements AutoCloseable {

    /** How long {@link #close()} waits for a profile in progress to collect and clean up. */
    private static final Duration CLOSE_WAIT = Duration.ofMinutes(2);

    private final long pid;
    private final ProfileOptions options;
    private final CountDownLatch windowEnd = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private boolean started;
    private boolean closed;
    private Thread profiling;

    /** A profiler for process {@code pid}; nothing happens before {@link #profile}. */
    public AllocationProfiler(long pid, ProfileOptions options) {
        this.pid = pid;
        this.options = options;
    }

    /**
     * When the profiler and the recording stop by themselves: the window and a margin for the
     * final collection and the dump, which take longer on a large heap.
     */
    public static Duration selfStop(Duration window) {
        Duration margin = window.dividedBy(4);
        return window.plus(margin.compareTo(Duration.ofSeconds(15)) < 0 ? Duration.ofSeconds(15) : margin);
    }

    /**
     * Profiles the target for {@link ProfileOptions#duration()} (less if {@link #close()} ends it
     * early) and writes the recording. Blocks; does I/O.
     *
     * @throws AttachFailedException no such process, not a JVM, attach refused, neither profiler
     *                               usable, the target exited during the profile, or the output
     *                               exists already; the message says what to do
     * @throws InterruptedException  this thread was interrupted (the target is cleaned up first), or
     *                               the profiler was closed before the profile began
     */
    public ProfiledRecording profile(ProfileProgress progress) throws IOException, InterruptedException {
        synchronized (this) {
            if (started) {
                throw new IllegalStateException("an AllocationProfiler profiles once");
            }
            if (closed) {
                throw new InterruptedException("the profiler was closed before the profile began");
            }
            started = true;
            profiling = Thread.currentThread();
        }
        try {
            return run(progress);
        } finally {
            finished.countDown();
        }
    }

    private ProfiledRecording run(ProfileProgress progress) throws IOException, InterruptedException {
        Path output = options.output().toAbsolutePath();
        if (Files.exists(output)) {
            throw new AttachFailedException(output + " exists already: choose another file", null);
        }
        if (!Files.isDirectory(output.getParent()) || !Files.isWritable(output.getParent())) {
            throw new AttachFailedException("cannot write the recording into " + output.getParent()
                    + ": no such folder, or not writable; choose another file", null);
        }
        progress.update(ProfileProgress.Phase.STARTING, Duration.ZERO, options.duration());
        try (JvmConnection jvm = connect(pid)) {
            Properties target = jvm.systemProperties();
            ProfileRun run = new ProfileRun(pid, jvm, options, target);
            Exception failure = null;
            try {
                Source source = run.start();
                long begin = System.nanoTime();
                boolean early = window(progress);
                Duration profiled = Duration.ofNanos(System.nanoTime() - begin);
                progress.update(ProfileProgress.Phase.COLLECTING, profiled, options.duration());
                Instant collected = run.collect(output);
                List<String> notes = new ArrayList<>(run.notes());
                if (early) {
                    notes.add(0, "ended early: " + profiled.toSeconds() + " s of " + options.duration().toSeconds() + " s");
                }
                return new ProfiledRecording(output, source, profiled, early, collected, notes);
            } catch (IOException e) {
                // a command that failed because the target died says so, not what the command was
                IOException reported = exited() && !e.getMessage().equals(exitedDuring(null).getMessage()) ? exitedDuring(e) : e;
                failure = reported;
                throw reported;
            } catch (RuntimeException | InterruptedException e) {
                failure = e;
                throw e;
            } finally {
                boolean interrupted = Thread.interrupted(); // the clean-up runs to its end regardless
                try {
                    run.close();
                } catch (IOException e) {
                    if (failure != null) {
                        failure.addSuppressed(e); // the first failure is the one to report
                    } else if (!exited()) {
                        throw e;
                    }
                } finally {
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }
    }

    /** Waits out the window; true when {@link #close()} ended it early. */
    private boolean window(ProfileProgress progress) throws InterruptedException, AttachFailedException {
        long start = System.nanoTime();
        long end = start + options.duration().toNanos();
        for (long now = start; now < end; now = System.nanoTime()) {
            progress.update(ProfileProgress.Phase.PROFILING, Duration.ofNanos(now - start), options.duration());
            if (windowEnd.await(Math.min(end - now, 1_000_000_000L), TimeUnit.NANOSECONDS)) {
                return true;
            }
            if (exited()) {
                throw exitedDuring(null);
            }
        }
        return false;
    }

    /**
     * Ends a profile in progress early, and waits (up to two minutes) until it has collected what
     * it has and left the target as it found it. Before {@link #profile}, it keeps the profile from
     * starting. Safe from any thread, any number of times.
     */
    @Override
    public void close() {
        boolean wait;
        synchronized (this) {
            closed = true;
            wait = started && Thread.currentThread() != profiling;
        }
        windowEnd.countDown();
        if (wait) {
            try {
                finished.await(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean exited() {
        return !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private AttachFailedException exitedDuring(IOException cause) {
        return new AttachFailedException("process " + pid + " exited during the profile: there is nothing to report", cause);
    }

    /**
     * Attaches; a JVM that refuses attach gets the way out: record from its start and read the file.
     * Checked on its command line first, because an attach to such a JVM waits 10 s for nothing and
     * makes it print a thread dump.
     */
    static JvmConnection connect(long pid) throws AttachFailedException {
        RunningProcess process = new ProcessTable().get(pid);
        if (process != null // the last of -XX:+ and -XX:- wins
                && process.command().lastIndexOf("-XX:+DisableAttachMechanism") > process.command().lastIndexOf("-XX:-DisableAttachMechanism")) {
            throw new AttachFailedException(withoutAttach(pid, "runs with -XX:+DisableAttachMechanism"), null);
        }
        try {
            return JvmConnection.to(pid);
        } catch (AttachFailedException e) {
            if (e.getCause() instanceof AttachNotSupportedException) {
                throw new AttachFailedException(withoutAttach(pid, "refuses attach (" + e.getCause().getMessage() + ")"), e);
            }
            throw e;
        }
    }

    /**
     * The flags (two, space-separated) that record what {@code heaptrail sites} reads from the JVM's
     * start (JDK 11 and later). The old-object queue is raised from the JVM's 256, which on a busy
     * program keeps only the newest samples and often none alive at exit (docs/design/alloc.md).
     */
    public static final String RECORD_FROM_START = "-XX:FlightRecorderOptions=old-object-queue-size=20000"
            + " -XX:StartFlightRecording:settings=profile,path-to-gc-roots=true,dumponexit=true,filename=alloc.jfr";

    private static String withoutAttach(long pid, String why) {
        return "process " + pid + " " + why + ": heaptrail alloc cannot profile it; record from its start instead:"
                + " restart it with " + RECORD_FROM_START + " and run 'heaptrail sites alloc.jfr' on the file it writes"
                + " when it exits";
    }
}
