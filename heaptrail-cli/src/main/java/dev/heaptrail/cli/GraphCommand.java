package dev.heaptrail.cli;

import dev.heaptrail.analysis.HeapAnalysis;
import dev.heaptrail.analysis.graph.ReferenceGraph;
import dev.heaptrail.analysis.graph.ReferenceGraphs;
import dev.heaptrail.report.GraphResult;
import dev.heaptrail.report.OutputFormat;
import dev.heaptrail.report.dot.GraphSvg;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "graph", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = {"A picture of who holds an object, as objgraph's show_backrefs draws one.",
            "It shows the shortest strong path from a GC root, and the object's referrers a few levels back "
                + "(the five that retain the most at each object; the rest are counted). Arrows go from holder to "
                + "held, labelled with the field, array index or [entry] (a collection's internals folded into one "
                + "step); each box says what its object retains. Formats: dot (Graphviz's language), svg (laid out "
                + "by Graphviz's dot, which must be on the PATH), html (one self-contained page laid out in the "
                + "browser, nothing to install), text, json."},
        footer = {"", "Examples:",
            "  heaptrail graph app.hprof --object 0x7ff3e2a10 --format html > holders.html",
            "  heaptrail graph app.hprof --class com.example.Session --depth 2 --format dot | dot -Tpng > holders.png",
            "  heaptrail graph app.hprof --class com.example.Session --format svg > holders.svg"})
final class GraphCommand implements Callable<Integer> {

    /** Objects in a picture at most: beyond a few dozen, nobody reads it. */
    static final int MAX_NODES = 40;

    @ParentCommand
    HeaptrailCommand root;

    @ArgGroup(exclusive = true, multiplicity = "1")
    PathCommand.Target target; // --object or --class, as path takes them

    @Option(names = "--depth", paramLabel = "N", defaultValue = "1",
            description = "Levels of referrers beyond the shortest paths, 0 for the paths alone (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "3",
            description = "With --class, the N objects that retain the most (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--max-nodes", paramLabel = "N", defaultValue = "" + MAX_NODES,
            description = "Objects in the picture at most; the shortest paths are always whole (default: ${DEFAULT-VALUE}).")
    int maxNodes;

    @Mixin
    DumpInput input;

    @Mixin
    FormatOption format = new FormatOption(GraphResult.class);

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        if (depth < 0 || depth > 10 || limit < 1 || maxNodes < 1) {
            throw new UsageException("--depth must be 0 to 10, --limit and --max-nodes 1 or more");
        }
        format.check();
        if (format.format == OutputFormat.SVG && GraphSvg.dot().isEmpty()) {
            throw new EnvironmentException(GraphSvg.NO_DOT, null); // before the dump is read, not after
        }
        long address = target.object == null ? 0 : PathCommand.parseId(target.object); // before the dump is read
        HeapAnalysis analysis = input.analysis(root.err, common.quiet);
        try {
            List<Long> objects = PathCommand.objects(analysis, target.object, target.className, limit);
            ReferenceGraph graph = ReferenceGraphs.of(analysis, objects, depth, maxNodes);
            String about = target.object != null ? analysis.index().typeName(objects.get(0)) + " 0x" + Long.toHexString(address)
                    : objects.size() == 1 ? "the largest " + target.className
                    : "the " + objects.size() + " largest " + target.className;
            format.render(new GraphResult(input.dump.path.getFileName().toString(), about, depth, graph), root.out);
            return ExitCodes.OK;
        } finally {
            input.finishSaving(root.err);
        }
    }
}
