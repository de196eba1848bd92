package dev.heaptrail.cli;

import dev.heaptrail.alloc.AllocationRecording;
import dev.heaptrail.alloc.AllocationReport;
import dev.heaptrail.alloc.SiteOptions;
import dev.heaptrail.alloc.profile.AllocationProfiler;
import dev.heaptrail.alloc.profile.ProfileOptions;
import dev.heaptrail.alloc.profile.ProfileProgress;
import dev.heaptrail.alloc.profile.ProfiledRecording;
import dev.heaptrail.alloc.profile.SourceChoice;
import dev.heaptrail.report.SitesResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "alloc", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = {"Where a running JVM allocates the memory that survives.",
            "Profiles it for a while and ranks allocation sites by estimated surviving bytes, with allocation "
                + "rate, top class and, where the samples carry it, the reference chain from a GC root. "
                + "async-profiler (bundled: Linux x64/arm64, macOS) samples allocations and keeps those still "
                + "alive; JDK Flight Recorder is used where it does not load, and beside it for reference chains. A "
                + "full GC in the target just before the end leaves only objects really alive (--no-gc spares the "
                + "pause); survivors younger than --min-age are work in flight and left out. Nothing stays running "
                + "in the target: Ctrl-C ends the window early and still reports, and the profiler and the "
                + "recording stop by themselves shortly after the window even if heaptrail is killed.",
            "",
            "Exit codes: 0 done; 2 usage error; 4 no such JVM, attach refused or disabled, no profiler "
                + "usable, the target exited during the profile."},
        footer = {"", "Examples:",
            "  heaptrail alloc 4242",
            "  heaptrail alloc 4242 --duration 2m --output app.jfr --group-by method --top 10",
            "  heaptrail alloc 4242 --format html > sites.html",
            "  heaptrail sites app.jfr --group-by trace      (the same report again, from the saved recording)"})
final class AllocCommand implements Callable<Integer> {

    @ParentCommand
    HeaptrailCommand root;

    @Parameters(paramLabel = "PID", description = "The process id of a running JVM (JDK 11 or later).")
    long pid;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "How long to profile (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Keep the recording here (JFR, mode 0600), for heaptrail sites; else it is deleted.")
    Path output;

    @Option(names = "--source", paramLabel = "auto|async-profiler|jfr", defaultValue = "auto",
            description = "Which profiler runs in the target (default: ${DEFAULT-VALUE}: async-profiler where it loads).")
    String source;

    @Option(names = "--no-gc", description = "No full GC in the target before the end: no pause, but garbage not yet collected counts as surviving.")
    boolean noGc;

    @Option(names = "--interval", paramLabel = "BYTES", defaultValue = "0",
            description = "async-profiler's sampling interval in bytes (default: 512 KiB, longer in proportion when the "
                    + "target allocates more than 500 MB/s, measured for a second first); smaller costs more.")
    long interval;

    @Mixin
    SiteSelection selection;

    @Mixin
    FormatOption format = new FormatOption(SitesResult.class);

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        var siteOptions = selection.options();
        SourceChoice choice = switch (source.toLowerCase(Locale.ROOT)) {
            case "auto" -> SourceChoice.AUTO;
            case "async-profiler" -> SourceChoice.ASYNC_PROFILER;
            case "jfr" -> SourceChoice.JFR;
            default -> throw new UsageException("--source takes auto, async-profiler or jfr, not '" + source + "'");
        };
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new UsageException("--duration must be 1s or more");
        }
        if (interval < 0) {
            throw new UsageException("--interval must be a number of bytes, 0 for the default");
        }
        if (output != null && Files.exists(output)) {
            throw new UsageException(output + " exists already: choose another file for --output");
        }
        Path scratch = output == null ? privateFolder() : null;
        try {
            return profileAndReport(output != null ? output : scratch.resolve("alloc-" + pid + ".jfr"), choice, siteOptions);
        } finally {
            if (scratch != null) {
                removeTree(scratch); // also when the profile failed: nothing of it stays in /tmp
            }
        }
    }

    private int profileAndReport(Path file, SourceChoice choice, SiteOptions siteOptions) throws Exception {
        ProfileOptions options = new ProfileOptions(duration, choice, !noGc, file, interval);
        ProfiledRecording recording;
        try (AllocationProfiler profiler = new AllocationProfiler(pid, options);
             Interrupts.Registration ctrlC = Interrupts.onSignals(profiler::close, "INT", "TERM")) {
            recording = profiler.profile(progress());
        } finally {
            clearProgress();
        }
        AllocationReport read = AllocationRecording.read(recording.file(), siteOptions);
        List<String> notes = new ArrayList<>(recording.notes());
        if (recording.endedEarly()) {
            notes.add(0, "the profile was ended early, after " + recording.profiled().toSeconds() + " s");
        }
        notes.addAll(read.notes());
        if (output != null) {
            notes.add("the recording is kept in " + output + ": heaptrail sites " + output + " reads it again");
        }
        AllocationReport report = new AllocationReport(read.sites(), read.samples(), read.durationSeconds(),
                read.source(), read.jvm(), read.survivorSamples(), read.stacks(), null, List.copyOf(notes));
        format.render(new SitesResult(report, "PID " + pid), root.out);
        return ExitCodes.OK;
    }

    private static void removeTree(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // gone already
        }
    }

    /** Where the recording goes when no --output is asked for: a folder only this user reads. */
    private static Path privateFolder() throws IOException {
        return Files.createTempDirectory("heaptrail-alloc-" + ProcessHandle.current().pid() + "-", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
    }

    private boolean drawn;

    /** One line on stderr, redrawn, when it is a terminal: a minute of silence looks like a hang. */
    private ProfileProgress progress() {
        if (common.quiet || !Terminal.stderrIsTerminal()) {
            return ProfileProgress.NONE;
        }
        return (phase, elapsed, window) -> {
            String what = switch (phase) {
                case STARTING -> "attaching to " + pid;
                case PROFILING -> "profiling " + pid + ": " + elapsed.toSeconds() + " s of " + window.toSeconds() + " s (Ctrl-C ends it early)";
                case COLLECTING -> "full GC in " + pid + " and collecting the profile";
            };
            root.err.print("\r\033[K" + what);
            root.err.flush();
            drawn = true;
        };
    }

    private void clearProgress() {
        if (drawn) {
            root.err.print("\r\033[K");
            root.err.flush();
        }
    }
}
