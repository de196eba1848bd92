package dev.heaptrail.cli;

import dev.heaptrail.analysis.HeapAnalysis;
import dev.heaptrail.report.DominatorsReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "dominators", mixinStandardHelpOptions = true,
        description = {"The top of the dominator tree: what keeps the most memory alive.",
            "Each object's retained size is what the heap would lose if that object went: itself and everything only",
            "it keeps reachable. Weak, soft and phantom references do not keep anything alive; unreachable objects are",
            "counted apart. The whole dump is indexed in memory for now: give large dumps a large -Xmx."},
        footer = {"", "Examples:",
            "  heaptrail dominators app.hprof --top 10 --depth 3",
            "  heaptrail dominators app.hprof --by-class --format json"})
final class DominatorsCommand implements Callable<Integer> {

    @ParentCommand
    HeaptrailCommand root;

    @Parameters(paramLabel = "DUMP", description = "A heap dump (.hprof or .hprof.gz).")
    Path dump;

    @Option(names = "--top", paramLabel = "N", defaultValue = "20", description = "Largest N objects at each level (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--depth", paramLabel = "D", defaultValue = "1", description = "Levels of the tree to show (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--by-class", description = "Group the objects right under the GC roots by class instead.")
    boolean byClass;

    @Mixin
    TextOrJson formatOption;

    @Mixin
    CommonOptions common;

    @Mixin
    IndexOptions indexOptions;

    @Override
    public Integer call() throws Exception {
        if (top < 1 || depth < 1 || depth > 50) {
            throw new UsageException("--top must be 1 or more and --depth between 1 and 50");
        }
        boolean json = formatOption.json("dominators");
        HeapAnalysis analysis = indexOptions.analysis(dump, "dominators", root.err, common.quiet);
        try {
            if (byClass) {
                var classes = analysis.topDominatorsByClass(top);
                if (json) {
                    DominatorsReport.jsonByClass(analysis, classes, root.out);
                } else {
                    DominatorsReport.textByClass(analysis, classes, root.out);
                }
            } else {
                var nodes = analysis.topDominators(top, depth);
                if (json) {
                    DominatorsReport.json(analysis, nodes, root.out);
                } else {
                    DominatorsReport.text(analysis, nodes, root.out);
                }
            }
            root.out.flush();
            return ExitCodes.OK;
        } finally {
            indexOptions.finishSaving(root.err); // the new index, saved meanwhile
        }
    }
}
