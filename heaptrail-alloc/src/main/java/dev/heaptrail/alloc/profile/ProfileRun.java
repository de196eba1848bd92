package dev.heaptrail.alloc.profile;

import dev.heaptrail.alloc.Source;
import dev.heaptrail.live.AttachFailedException;
import dev.heaptrail.live.JvmConnection;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * One profile's doings in the target: which profiler runs, starting it, collecting what it
 * recorded, and stopping whatever still runs whatever happened ({@link #close()}).
 */
final class ProfileRun implements AutoCloseable {

    private static final String ASYNC_FILE = "async-profiler.jfr";
    private static final String JFR_FILE = "jfr.jfr";
    private static final String JFR_SELF_STOP_FILE = "jfr-self-stop.jfr";

    /**
     * How long a killed heaptrail's folder stays untouched before another removes it: past the
     * self-stop of any window under 19 hours. Nobody reads what a later self-stop writes there (its
     * heaptrail is gone); without the folder the target only fails to write it, with a warning.
     */
    static final Duration LEFT_BEHIND_QUIET = Duration.ofDays(1);

    private final long pid;
    private final JvmConnection jvm;
    private final ProfileOptions options;
    private final Properties target;
    private final DiagnosticCommands commands;
    private final List<String> notes = new ArrayList<>();
    private TargetFolder work;
    private AsyncProfilerAgent.Extracted library;
    private AsyncProfilerAgent agent;
    private boolean agentRunning;
    private String recording;
    private boolean recordingRunning;

    ProfileRun(long pid, JvmConnection jvm, ProfileOptions options, Properties target) {
        this.pid = pid;
        this.jvm = jvm;
        this.options = options;
        this.target = target;
        this.commands = new DiagnosticCommands(jvm.server(), pid);
    }

    /** Chooses the profiler as {@link SourceChoice} says and starts it (and JFR beside async-profiler). */
    Source start() throws IOException {
        // named after this process too, so that a folder left by a killed heaptrail says whose it was,
        // and the next profile removes it once its target can no longer write there
        TargetFolder.removeLeftBehind(pid, "heaptrail-alloc-", LEFT_BEHIND_QUIET);
        work = TargetFolder.create(pid, "heaptrail-alloc-" + ProcessHandle.current().pid() + "-");
        SourceChoice choice = options.source();
        String noJfr = commands.noJfr();
        String platform = AsyncProfilerAgent.platform(target.getProperty("os.name", ""), target.getProperty("os.arch", ""));
        String noAsync = "not asked for";
        if (choice != SourceChoice.JFR) {
            try {
                startAsyncProfiler(platform);
            } catch (AttachFailedException e) {
                if (choice == SourceChoice.ASYNC_PROFILER) {
                    throw e;
                }
                noAsync = e.getMessage();
            }
        }
        if (agentRunning) {
            try {
                if (noJfr == null) {
                    startJfr(true);
                    notes.add("JFR recording beside it (" + recording + "): old-object samples with their reference chains");
                }
            } catch (AttachFailedException e) {
                noJfr = e.getMessage();
            }
            if (noJfr != null) {
                notes.add("no JFR recording beside async-profiler, so no reference chains: " + noJfr);
            }
            return Source.ASYNC_PROFILER;
        }
        try {
            if (noJfr == null) {
                startJfr(false);
            }
        } catch (AttachFailedException e) {
            noJfr = e.getMessage();
        }
        if (noJfr != null) {
            throw new AttachFailedException("process " + pid + " (" + target.getProperty("java.vm.name") + " "
                    + target.getProperty("java.version") + ") can be profiled neither with async-profiler (" + noAsync
                    + ") nor with JDK Flight Recorder (" + noJfr + "): run it on a JDK with Flight Recorder on (OpenJDK 11"
                    + " and later, without -XX:-FlightRecorder), or on Linux x64 or arm64 or macOS for async-profiler", null);
        }
        if (choice == SourceChoice.AUTO) {
            notes.add("async-profiler not used: " + noAsync);
        }
        notes.add("JFR recording " + recording + ": old-object samples (cutoff=infinity) with reference chains, allocation samples"
                + (feature() >= 16 ? " (" + JfrSettings.ALLOCATION_SAMPLES_PER_SECOND + "/s at most)" : " (TLAB events, JDK "
                + feature() + ")"));
        return Source.JFR;
    }

    private void startAsyncProfiler(String platform) throws IOException {
        if (platform == null) {
            throw new AttachFailedException("async-profiler has no library for " + target.getProperty("os.name") + " on "
                    + target.getProperty("os.arch") + " (only Linux x64 and arm64, and macOS)", null);
        }
        library = AsyncProfilerAgent.extract(pid, platform);
        if (library == null) {
            throw new AttachFailedException("this heaptrail has no async-profiler library for " + platform, null);
        }
        String other = AsyncProfilerAgent.otherCopy(pid, library.path());
        if (other != null) {
            throw new AttachFailedException("process " + pid + " has another async-profiler loaded (" + other
                    + "), which heaptrail leaves alone", null);
        }
        long interval = options.sampleBytes();
        String why = "";
        if (interval == 0) {
            double rate = measuredRate();
            interval = SamplingInterval.forRate(rate);
            why = rate < 0 ? "" : String.format(java.util.Locale.ROOT, " (the target allocated %.0f MB/s as it started%s)",
                    rate / 1e6, interval > SamplingInterval.DEFAULT_BYTES ? ": fewer samples keep its cost down" : "");
        }
        agent = new AsyncProfilerAgent(jvm, pid, library.path(), work);
        agent.start(interval, AllocationProfiler.selfStop(options.duration()).toSeconds(), work.there(ASYNC_FILE));
        agentRunning = true;
        notes.add("async-profiler: one sample every " + (interval % 1024 == 0 ? interval / 1024 + " KiB" : interval + " bytes")
                + " allocated on average" + why + "; samples of objects still alive at the end kept as profiler.LiveObject");
        if (!library.shared()) {
            notes.add("async-profiler's usual folder was not private to the target's user: a second copy was loaded");
        }
    }

    /** The target's allocation rate over a second, or -1 when it cannot be had (the default interval then). */
    private double measuredRate() throws IOException {
        try {
            return SamplingInterval.measure(jvm.server(), java.time.Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while measuring the target's allocation rate");
        } catch (RuntimeException e) { // an MXBean the target does not offer
            return -1;
        }
    }

    private void startJfr(boolean besideAsyncProfiler) throws IOException {
        String name = work.name(); // the recording and its folder named alike
        Path settings = work.here("heaptrail-alloc.jfc");
        Files.writeString(settings, JfrSettings.jfc(feature(), besideAsyncProfiler));
        work.handOver(settings);
        commands.jfrStart(name, work.there("heaptrail-alloc.jfc"), AllocationProfiler.selfStop(options.duration()),
                work.there(JFR_SELF_STOP_FILE));
        recording = name;
        recordingRunning = true;
    }

    /**
     * The end of the window: the full collection, then the profilers stopped, their recordings
     * written to the output (0600) one after the other.
     *
     * @return when the final collection ended, or null when none ran
     */
    Instant collect(Path output) throws IOException {
        Instant collected = null;
        if (options.fullGcAtEnd()) {
            String note = commands.fullGc();
            collected = Instant.now();
            if (note != null) {
                notes.add(note);
            }
        } else {
            notes.add("no full collection at the end (turned off): survivors include garbage not yet collected");
        }
        List<Path> parts = new ArrayList<>();
        if (agentRunning) {
            agentRunning = false;
            if (!agent.stop()) {
                notes.add("async-profiler had stopped by itself (its timeout) before the final collection");
            }
            parts.add(work.here(ASYNC_FILE));
        }
        if (recordingRunning) {
            if (commands.jfrRecording(recording)) {
                commands.jfrDump(recording, work.there(JFR_FILE));
                recordingRunning = false;
                commands.jfrStop(recording);
                parts.add(work.here(JFR_FILE));
            } else {
                recordingRunning = false;
                notes.add("the JFR recording had stopped by itself (its duration) before the final collection");
                parts.add(work.here(JFR_SELF_STOP_FILE));
            }
        }
        write(parts, output);
        return collected;
    }

    /** The recordings one after the other: a JFR file is a sequence of chunks, each complete in itself. */
    private static void write(List<Path> parts, Path output) throws IOException {
        Path part = Files.createTempFile(output.getParent(), ".heaptrail-alloc-", ".part",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (OutputStream out = Files.newOutputStream(part)) {
                for (Path p : parts) {
                    if (!Files.isRegularFile(p) || Files.size(p) == 0) {
                        throw new AttachFailedException("the target wrote no recording at " + p, null);
                    }
                    Files.copy(p, out);
                }
            }
            Files.move(part, output); // refuses a file that appeared meanwhile
        } catch (FileAlreadyExistsException e) {
            throw new AttachFailedException(output + " exists already: choose another file", e);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    List<String> notes() {
        return notes;
    }

    /**
     * Stops what still runs in the target and removes heaptrail's files there. Every step is tried;
     * the first failure is thrown at the end.
     */
    @Override
    public void close() throws IOException {
        List<IOException> failures = new ArrayList<>();
        boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        if (agent != null && alive) {
            try {
                if (agentRunning || agent.running()) {
                    agent.stop();
                }
                agentRunning = false;
            } catch (IOException e) {
                failures.add(e);
            }
        }
        if (recording != null && alive) {
            try {
                if (recordingRunning || commands.jfrRecording(recording)) {
                    commands.jfrStop(recording);
                }
                recordingRunning = false;
            } catch (IOException e) {
                failures.add(e);
            }
        }
        for (TargetFolder folder : new TargetFolder[] {work, library == null ? null : library.folder()}) {
            try {
                if (folder != null) {
                    folder.close();
                }
            } catch (IOException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            IOException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    private int feature() {
        String spec = target.getProperty("java.specification.version", "0");
        try {
            return Integer.parseInt(spec.startsWith("1.") ? spec.substring(2) : spec);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
