package dev.heaptrail.cli;

import dev.heaptrail.analysis.HeapAnalysis;
import dev.heaptrail.analysis.graph.ReferenceGraph;
import dev.heaptrail.analysis.graph.ReferenceGraphs;
import dev.heaptrail.analysis.suspects.LeakPatternDetector;
import dev.heaptrail.analysis.suspects.LeakPatternDetectors;
import dev.heaptrail.analysis.suspects.LeakSuspect;
import dev.heaptrail.analysis.suspects.LeakSuspects;
import dev.heaptrail.heap.PhaseTimes;
import dev.heaptrail.report.HeapTotals;
import dev.heaptrail.report.OutputFormat;
import dev.heaptrail.report.PatternsResult;
import dev.heaptrail.report.SuspectsResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "analyze", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = {"Ranked leak suspects of a heap dump, each with its leak trace, pattern and fix.",
            "A suspect is where memory accumulates: an object that retains a large share of the heap, found "
                + "by going down the dominator tree while one child keeps most of it. Class loaders and class "
                + "objects are looked through to the static field that holds the memory. One dump cannot show "
                + "growth: each suspect says whether its shape is leak-like (a known leak pattern, or many similar "
                + "objects gathered in one place) or it is only large. Exit code 1 when a suspect is leak-like, 0 "
                + "when none is (large structures alone)."},
        footer = {"", "Examples:",
            "  heaptrail analyze app.hprof",
            "  heaptrail analyze app.hprof --threshold 20 --format json | jq '.suspects[0].path'",
            "  heaptrail analyze app.hprof --format html > suspects.html   # with a picture of who holds suspect 1",
            "  heaptrail analyze --patterns"})
final class AnalyzeCommand implements Callable<Integer> {

    @ParentCommand
    HeaptrailCommand root;

    /** Like --help, it needs no DUMP (picocli skips the required-parameter check for such an option). */
    @SuppressWarnings("deprecation")
    @Option(names = "--patterns", help = true,
            description = "List the leak patterns heaptrail can name (id, title, fix), in the order they are tried, and exit.")
    boolean patterns;

    @Option(names = "--threshold", paramLabel = "PERCENT", defaultValue = "10",
            description = "Report what retains at least this share of the reachable heap (default: ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--top", paramLabel = "N", defaultValue = "5", description = "At most N suspects (default: ${DEFAULT-VALUE}).")
    int top;

    @Mixin
    DumpInput input;

    @Mixin
    FormatOption format = new FormatOption(SuspectsResult.class, PatternsResult.class);

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        if (patterns) {
            format.render(new PatternsResult(LeakPatternDetectors.installed().stream().map(LeakPatternDetector::pattern)
                    .distinct().toList()), root.out);
            return ExitCodes.OK;
        }
        if (threshold <= 0 || threshold > 100 || top < 1) {
            throw new UsageException("--threshold must be above 0 and at most 100, --top 1 or more");
        }
        HeapAnalysis analysis = input.analysis(root.err, common.quiet);
        try {
            List<LeakSuspect> suspects = LeakSuspects.find(analysis, threshold, top);
            PhaseTimes.mark("suspects");
            ReferenceGraph graph = format.format == OutputFormat.HTML && !suspects.isEmpty()
                    ? ReferenceGraphs.suspect(analysis, suspects.get(0), GraphCommand.MAX_NODES) : null;
            format.render(new SuspectsResult(HeapTotals.of(analysis), suspects, input.dump.path.getFileName().toString(), graph),
                    root.out);
            PhaseTimes.mark("report");
            return suspects.stream().anyMatch(s -> s.shape().leakLike()) ? ExitCodes.FINDING : ExitCodes.OK;
        } finally {
            input.finishSaving(root.err); // the new index, saved meanwhile
        }
    }
}
