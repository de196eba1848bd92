package dev.heaptrail.cli;

import dev.heaptrail.analysis.HeapAnalysis;
import dev.heaptrail.analysis.suspects.LeakPatternDetector;
import dev.heaptrail.analysis.suspects.LeakPatternDetectors;
import dev.heaptrail.analysis.suspects.LeakSuspect;
import dev.heaptrail.analysis.suspects.LeakSuspects;
import dev.heaptrail.report.PatternsReport;
import dev.heaptrail.report.SuspectsReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Ranked leak suspects of a heap dump, each with its leak trace, pattern and fix.",
            "A suspect is where memory accumulates: an object that retains a large share of the heap, found by going",
            "down the dominator tree while one child keeps most of it. Class loaders and class objects are looked",
            "through to the static field that holds the memory. Exit code 1 when there is a suspect."},
        footer = {"", "Examples:",
            "  heaptrail analyze app.hprof",
            "  heaptrail analyze app.hprof --threshold 20 --format json | jq '.suspects[0].path'",
            "  heaptrail analyze --patterns"})
final class AnalyzeCommand implements Callable<Integer> {

    @ParentCommand
    HeaptrailCommand root;

    @Spec
    CommandLine.Model.CommandSpec spec;

    /** Optional to picocli only so that {@code --patterns} needs no dump; required otherwise, with picocli's own message. */
    @Parameters(paramLabel = "DUMP", arity = "0..1", description = "A heap dump (.hprof or .hprof.gz).")
    Path dump;

    @Option(names = "--patterns", description = "List the leak patterns heaptrail can name (id, title, fix), in the order they are tried, and exit.")
    boolean patterns;

    @Option(names = "--threshold", paramLabel = "PERCENT", defaultValue = "10",
            description = "Report what retains at least this share of the reachable heap (default: ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--top", paramLabel = "N", defaultValue = "5", description = "At most N suspects (default: ${DEFAULT-VALUE}).")
    int top;

    @Mixin
    TextOrJson formatOption;

    @Mixin
    CommonOptions common;

    @Mixin
    IndexOptions indexOptions;

    @Override
    public Integer call() throws Exception {
        if (threshold <= 0 || threshold > 100 || top < 1) {
            throw new UsageException("--threshold must be above 0 and at most 100, --top 1 or more");
        }
        boolean json = formatOption.json("analyze");
        if (patterns) {
            List<dev.heaptrail.analysis.suspects.LeakPattern> known = LeakPatternDetectors.installed().stream()
                    .map(LeakPatternDetector::pattern).distinct().toList();
            if (json) {
                PatternsReport.json(known, root.out);
            } else {
                PatternsReport.text(known, root.out);
            }
            root.out.flush();
            return ExitCodes.OK;
        }
        if (dump == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required parameter: 'DUMP'");
        }
        HeapAnalysis analysis = indexOptions.analysis(dump, "analyze", root.err, common.quiet);
        try {
            List<LeakSuspect> suspects = LeakSuspects.find(analysis, threshold, top);
            dev.heaptrail.heap.internal.PhaseLog.mark("suspects");
            if (json) {
                SuspectsReport.json(analysis, suspects, root.out);
            } else {
                SuspectsReport.text(analysis, suspects, root.out);
            }
            root.out.flush();
            dev.heaptrail.heap.internal.PhaseLog.mark("report");
            return suspects.isEmpty() ? ExitCodes.OK : ExitCodes.FINDING;
        } finally {
            indexOptions.finishSaving(root.err); // the new index, saved meanwhile
        }
    }
}
