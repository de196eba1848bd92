package dev.heaptrail.cli;

import dev.heaptrail.analysis.HeapAnalysis;
import dev.heaptrail.report.ClassDominatorsResult;
import dev.heaptrail.report.DominatorsResult;
import dev.heaptrail.report.HeapTotals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "dominators", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = {"The top of the dominator tree: what keeps the most memory alive.",
            "Each object's retained size is what the heap would lose if that object went: itself and "
                + "everything only it keeps reachable. Weak, soft and phantom references do not keep anything "
                + "alive; unreachable objects are counted apart. The index is kept beside the dump in memory-mapped "
                + "files: dumps larger than the heap fit."},
        footer = {"", "Examples:",
            "  heaptrail dominators app.hprof --top 10 --depth 3",
            "  heaptrail dominators app.hprof --by-class --format json",
            "  heaptrail dominators app.hprof --depth 3 --format html > dominators.html"})
final class DominatorsCommand implements Callable<Integer> {

    @ParentCommand
    HeaptrailCommand root;

    @Option(names = "--top", paramLabel = "N", defaultValue = "20", description = "Largest N objects at each level (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--depth", paramLabel = "D", defaultValue = "1", description = "Levels of the tree to show (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--by-class", description = "Group the objects right under the GC roots by class instead.")
    boolean byClass;

    @Mixin
    DumpInput input;

    @Mixin
    FormatOption format = new FormatOption(DominatorsResult.class, ClassDominatorsResult.class);

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        if (top < 1 || depth < 1 || depth > 50) {
            throw new UsageException("--top must be 1 or more and --depth between 1 and 50");
        }
        HeapAnalysis analysis = input.analysis(root.err, common.quiet);
        try {
            HeapTotals heap = HeapTotals.of(analysis);
            format.render(byClass ? new ClassDominatorsResult(heap, analysis.topDominatorsByClass(top))
                    : new DominatorsResult(heap, analysis.topDominators(top, depth)), root.out);
            return ExitCodes.OK;
        } finally {
            input.finishSaving(root.err); // the new index, saved meanwhile
        }
    }
}
