package dev.heaptrail.cli;

import dev.heaptrail.analysis.HeapAnalysis;
import dev.heaptrail.analysis.graph.ReferenceGraphs;
import dev.heaptrail.analysis.paths.GcRootPaths;
import dev.heaptrail.analysis.paths.PathDescriber;
import dev.heaptrail.analysis.paths.PathStep;
import dev.heaptrail.heap.index.HeapIndex;
import dev.heaptrail.heap.index.ObjectKind;
import dev.heaptrail.report.OutputFormat;
import dev.heaptrail.report.PathsResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "path", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = {"Shortest strong paths from a GC root to an object, or to the largest objects of a class.",
            "One step a line: the field, array index or static field that holds the next object, and the "
                + "root's kind. Weak, soft and phantom references are not followed: a path shows what really keeps "
                + "the object alive."},
        footer = {"", "Examples:",
            "  heaptrail path app.hprof --object 0x7ff3e2a10",
            "  heaptrail path app.hprof --class com.example.Session --limit 3 --format json",
            "  heaptrail path app.hprof --class com.example.Session --format html > paths.html   # with a picture"})
final class PathCommand implements Callable<Integer> {

    @ParentCommand
    HeaptrailCommand root;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--object", paramLabel = "ID", description = "The object's id as the dump gives it, e.g. 0x7ff3e2a10.")
        String object;

        @Option(names = "--class", paramLabel = "NAME", description = "A class name as Java spells it, e.g. java.util.HashMap or byte[].")
        String className;
    }

    @Option(names = "--limit", paramLabel = "N", defaultValue = "3",
            description = "With --class, paths to the N objects that retain the most (default: ${DEFAULT-VALUE}).")
    int limit;

    @Mixin
    DumpInput input;

    @Mixin
    FormatOption format = new FormatOption(PathsResult.class);

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        if (limit < 1) {
            throw new UsageException("--limit must be 1 or more");
        }
        if (target.object != null) {
            parseId(target.object); // a usage error before the dump is read
        }
        HeapAnalysis analysis = input.analysis(root.err, common.quiet);
        try {
            List<Long> objects = objects(analysis, target.object, target.className, limit);
            PathsResult result = paths(analysis, objects);
            if (format.format == OutputFormat.HTML) {
                List<Long> reachable = objects.stream().filter(analysis.gcRootPaths()::isReachable).toList();
                result = new PathsResult(result.paths(), result.unreachable(),
                        ReferenceGraphs.shortestPaths(analysis, reachable, GraphCommand.MAX_NODES));
            }
            format.render(result, root.out);
            return ExitCodes.OK;
        } finally {
            input.finishSaving(root.err); // the new index, saved meanwhile
        }
    }

    /** The object asked for, or the class's objects that retain the most (also {@code graph}'s). */
    static List<Long> objects(HeapAnalysis analysis, String object, String className, int limit) {
        HeapIndex index = analysis.index();
        List<Long> objects = new ArrayList<>();
        if (object != null) {
            long address = parseId(object);
            long o = index.objectNumber(address);
            if (o < 0) {
                throw new UsageException("the dump holds no object 0x" + Long.toHexString(address));
            }
            objects.add(o);
            return objects;
        }
        for (long o = 0; o < index.objectCount(); o++) {
            if (index.kind(o) != ObjectKind.CLASS && index.classOf(o).name().equals(className)) {
                objects.add(o);
            }
        }
        if (objects.isEmpty()) {
            throw new UsageException("the dump holds no object of class " + className
                    + " (names as Java spells them: java.util.HashMap$Node, byte[])");
        }
        objects.sort(Comparator.comparingLong(analysis::retainedBytes).reversed());
        return objects.subList(0, Math.min(limit, objects.size()));
    }

    private static PathsResult paths(HeapAnalysis analysis, List<Long> objects) throws IOException {
        HeapIndex index = analysis.index();
        GcRootPaths paths = analysis.gcRootPaths();
        List<List<Long>> found = new ArrayList<>();
        List<PathsResult.Unreachable> unreachable = new ArrayList<>();
        for (long o : objects) {
            List<Long> p = paths.pathTo(o);
            if (p.isEmpty()) {
                unreachable.add(new PathsResult.Unreachable(index.typeName(o), index.address(o)));
            } else {
                found.add(p);
            }
        }
        List<PathsResult.TargetPath> described = new ArrayList<>();
        for (List<PathStep> steps : new PathDescriber(index).describe(found)) {
            described.add(new PathsResult.TargetPath(analysis.retainedBytes(steps.get(steps.size() - 1).object()), steps));
        }
        return new PathsResult(described, unreachable);
    }

    static long parseId(String text) {
        try {
            String t = text.trim().toLowerCase();
            return t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new UsageException("--object takes an id such as 0x7ff3e2a10, not '" + text + "'");
        }
    }
}
