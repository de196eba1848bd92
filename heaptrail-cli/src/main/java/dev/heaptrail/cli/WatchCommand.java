package dev.heaptrail.cli;

import dev.heaptrail.live.AttachFailedException;
import dev.heaptrail.live.JvmConnection;
import dev.heaptrail.live.ProcessTable;
import dev.heaptrail.live.RunningProcess;
import dev.heaptrail.live.trend.Verdict;
import dev.heaptrail.live.watch.GcFloor;
import dev.heaptrail.live.watch.JvmSampler;
import dev.heaptrail.live.watch.MemoryLimits;
import dev.heaptrail.live.watch.MemoryWatch;
import dev.heaptrail.live.watch.WatchSample;
import dev.heaptrail.live.watch.WatchVerdict;
import dev.heaptrail.report.WatchResult;
import dev.heaptrail.report.csv.WatchCsv;
import dev.heaptrail.report.text.WatchLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

@Command(name = "watch", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = {"Is a running process leaking memory, how fast, and where?",
            "Samples its memory until the duration ends, the process exits or Ctrl-C, then gives a verdict: "
                + "leak, no-leak or inconclusive. Any process: resident memory from /proc. A JVM, attached: the "
                + "heap's floor after collections, direct and mapped buffers, metaspace, code cache, threads, "
                + "collections, and the resident memory left unexplained. The verdict: Mann-Kendall trend test and "
                + "Theil-Sen slope with its 95%% interval on the floor's minima over 6-12 stretches of the watch; a "
                + "cache that warms up and levels off, a sawtooth, a one-time step are not leaks. A line per sample "
                + "on stderr, the verdict on stdout."},
        footer = {"", "Examples:", "  heaptrail watch 12345",
            "  heaptrail watch 12345 --interval 1s --duration 2m --csv mem.csv",
            "  heaptrail watch 12345 --duration 30s --gc-every 5s",
            "      (exact floors: forces full GCs in the target, which pauses it)",
            "  heaptrail watch 12345 --format json | jq '{verdict, growingIn}'",
            "  heaptrail watch 12345 --duration 5m --format html > watch.html",
            "  heaptrail watch --from mem.csv --format html > watch.html",
            "      (judges the samples a watch saved with --csv, as a live watch would)",
            "", "Exit codes: 0 no leak or inconclusive, 1 leak, 2 usage error, 3 --from FILE",
            "  is not a CSV saved by watch --csv, 4 no such process, attach refused (with",
            "  --gc-every), or the CSV file not writable."})
final class WatchCommand implements Callable<Integer> {

    @ParentCommand
    HeaptrailCommand root;

    @Parameters(paramLabel = "PID", arity = "0..1",
            description = "The process to watch: any process; a JVM is watched in depth.")
    Long pid;

    @Option(names = "--from", paramLabel = "FILE",
            description = "Judge the samples saved by watch --csv FILE instead of watching a process.")
    Path from;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "2s", converter = DurationConverter.class,
            description = "Time between samples (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
            description = "How long to watch (default: ${DEFAULT-VALUE}); Ctrl-C ends sooner with the verdict.")
    Duration duration;

    @Option(names = "--gc-every", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Force a full GC in the target this often and judge the heap on the floors after them:"
                    + " exact, but it pauses the application. Off by default.")
    Duration gcEvery;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write every sample to FILE as it is taken.")
    Path csv;

    @Mixin
    FormatOption format = new FormatOption(WatchResult.class);

    @Mixin
    CommonOptions common;

    private final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        if ((pid == null) == (from == null)) {
            throw new UsageException(pid == null ? "watch needs a PID, or --from FILE saved by watch --csv"
                    : "watch takes a PID or --from FILE, not both");
        }
        if (from != null) {
            if (csv != null || gcEvery != null) {
                throw new UsageException("--csv and --gc-every watch a process: not with --from");
            }
            WatchResult saved = SavedWatch.read(from);
            format.render(saved, root.out);
            return saved.verdict().verdict() == Verdict.LEAK ? ExitCodes.FINDING : ExitCodes.OK;
        }
        if (interval.isZero() || duration.isZero() || (gcEvery != null && gcEvery.isZero())) {
            throw new UsageException("--interval, --duration and --gc-every must be longer than zero");
        }
        ProcessTable table = new ProcessTable();
        RunningProcess process = table.get(pid);
        if (process == null) {
            throw new AttachFailedException("no process " + pid + " (it exited, or never ran here)", null);
        }
        JvmConnection connection = null;
        JvmSampler sampler = null;
        if (process.jvm()) {
            try {
                connection = JvmConnection.to(pid);
                sampler = new JvmSampler(connection.server());
            } catch (AttachFailedException e) {
                if (gcEvery != null) {
                    throw e;
                }
                root.err.println("heaptrail: " + e.getMessage() + "; watching its resident memory only");
            }
        } else if (process.hidden()) {
            if (gcEvery != null) {
                JvmConnection.to(pid); // throws, saying why
            }
            root.err.println("heaptrail: process " + pid + " belongs to user " + process.user() + ": watching its resident"
                    + " memory only (run heaptrail as " + process.user() + " or as root to watch a JVM in depth)");
        } else if (gcEvery != null) {
            throw new UsageException("--gc-every needs a JVM; process " + pid + " (" + process.command() + ") is not one");
        }
        try (BufferedWriter csvOut = csv == null ? null : openCsv()) {
            return watch(table, sampler, csvOut);
        } finally {
            if (connection != null) {
                try {
                    connection.close();
                } catch (IOException e) {
                    // the target may have exited: nothing left to detach from
                }
            }
        }
    }

    private BufferedWriter openCsv() {
        try {
            BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
            w.write(WatchCsv.header());
            w.newLine();
            w.flush();
            return w;
        } catch (IOException e) {
            throw new EnvironmentException("cannot write " + csv + ": " + e.getMessage(), e);
        }
    }

    private int watch(ProcessTable table, JvmSampler sampler, BufferedWriter csvOut) throws IOException {
        long start = System.currentTimeMillis();
        long heapMax = -1;
        JvmSampler.Reading first = null;
        if (sampler != null) {
            first = sampler.read();
            heapMax = first.memory().heapMaxBytes();
        }
        MemoryWatch watch = new MemoryWatch(new MemoryWatch.Target(pid, sampler != null, MemoryLimits.of(pid), heapMax,
                sampler == null ? -1 : sampler.maxMetaspaceBytes(), sampler == null ? -1 : sampler.maxDirectBytes(),
                gcEvery != null), start);
        Interrupts.Registration interrupts = Interrupts.onSignals(stop::countDown, "INT", "TERM");
        String ended = "the duration ended";
        Double leakSince = null;
        long nextGc = start;
        try {
            for (long n = 0; ; n++) {
                ProcessTable.Resident resident = table.resident(pid);
                if (resident == null) {
                    ended = "the process exited";
                    break;
                }
                JvmSampler.Reading reading = first;
                List<GcFloor> gcs = new ArrayList<>();
                if (sampler != null) {
                    try {
                        if (gcEvery != null && System.currentTimeMillis() >= nextGc) {
                            gcs.add(sampler.forceGc());
                            nextGc += gcEvery.toMillis();
                        }
                        reading = n == 0 ? first : sampler.read();
                    } catch (RuntimeException e) {
                        ended = table.resident(pid) == null ? "the process exited"
                                : "the JVM stopped answering (" + rootCause(e) + ")";
                        break;
                    }
                    gcs.addAll(reading.newCollections());
                }
                WatchSample s = new WatchSample(System.currentTimeMillis(), resident.rssBytes(), resident.peakRssBytes(),
                        reading == null ? null : reading.memory(), gcs);
                watch.add(s);
                Verdict soFar = watch.verdict().verdict();
                if (soFar == Verdict.LEAK) {
                    leakSince = leakSince == null ? watch.seconds(s.epochMillis()) : leakSince;
                } else {
                    leakSince = null;
                }
                if (!common.quiet) {
                    root.err.println(WatchLine.of(watch, s, soFar));
                }
                if (csvOut != null) {
                    csvOut.write(WatchCsv.row(watch, s));
                    csvOut.newLine();
                    csvOut.flush(); // a killed watch keeps what it saw
                }
                long next = start + (n + 1) * interval.toMillis();
                if (next > start + duration.toMillis()) {
                    break;
                }
                if (stop.await(Math.max(0, next - System.currentTimeMillis()), TimeUnit.MILLISECONDS)) {
                    ended = "interrupted";
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended = "interrupted";
        } finally {
            interrupts.close();
        }
        if (watch.samples().isEmpty()) {
            throw new AttachFailedException("process " + pid + " exited before the first sample", null);
        }
        WatchVerdict verdict = watch.verdict();
        WatchResult.Ending ending = new WatchResult.Ending(ended, interval.toMillis() / 1000.0,
                verdict.verdict() == Verdict.LEAK ? leakSince : null);
        format.render(new WatchResult(watch, verdict, ending), root.out);
        return verdict.verdict() == Verdict.LEAK ? ExitCodes.FINDING : ExitCodes.OK;
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
