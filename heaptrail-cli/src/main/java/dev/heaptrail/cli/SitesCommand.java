package dev.heaptrail.cli;

import dev.heaptrail.alloc.AllocationRecording;
import dev.heaptrail.alloc.AllocationReport;
import dev.heaptrail.report.SitesResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "sites", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = {"Where surviving memory was allocated, from a JFR recording: sites ranked by estimated surviving bytes.",
            "Reads any JFR file: heaptrail alloc --output, the agent's jfr evidence, -XX:StartFlightRecording "
                + "or jcmd JFR.dump files, and async-profiler's jfr output. Survivors come from async-profiler's "
                + "live objects (profiler.LiveObject) or JFR's old-object samples (jdk.OldObjectSample, with their "
                + "path to a GC root); a recording without either is ranked by allocation rate "
                + "(jdk.ObjectAllocationSample, TLAB events). With --compare, sites are ranked by growth since the "
                + "earlier recording, as tracemalloc's compare_to.",
            "",
            "Exit codes: 0 done; 1 with --compare, a site grows by more than sampling explains; 2 usage "
                + "error; 3 the file is not a whole JFR recording; 4 environment (out of memory, ...)."},
        footer = {"", "Examples:",
            "  heaptrail sites app.jfr",
            "  heaptrail sites app.jfr --group-by trace --depth 8 --filter 'com\\.acme\\.'",
            "  heaptrail sites after.jfr --compare before.jfr --format json",
            "  heaptrail sites app.jfr --format html > sites.html"})
final class SitesCommand implements Callable<Integer> {

    @ParentCommand
    HeaptrailCommand root;

    @Parameters(index = "0", paramLabel = "FILE", description = "A JFR recording (.jfr).")
    Path file;

    @Option(names = "--compare", paramLabel = "EARLIER",
            description = "An earlier recording of the same program: rank sites by what grew since.")
    Path earlier;

    @Mixin
    SiteSelection selection;

    @Mixin
    FormatOption format = new FormatOption(SitesResult.class);

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        var options = selection.options();
        if (!common.quiet && Terminal.stderrIsTerminal()) {
            root.err.print("reading " + file + (earlier == null ? "" : " and " + earlier) + " ...\r");
            root.err.flush();
        }
        AllocationReport report = earlier == null ? AllocationRecording.read(file, options)
                : AllocationRecording.compare(file, earlier, options);
        if (!common.quiet && Terminal.stderrIsTerminal()) {
            root.err.print("\r\033[K");
        }
        format.render(new SitesResult(report, file.toString()), root.out);
        boolean grows = earlier != null && report.sites().stream().anyMatch(s -> s.growth() != null && s.growth().growing());
        return grows ? ExitCodes.FINDING : ExitCodes.OK;
    }
}
