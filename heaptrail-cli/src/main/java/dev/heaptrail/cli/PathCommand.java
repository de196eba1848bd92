package dev.heaptrail.cli;

import dev.heaptrail.analysis.HeapAnalysis;
import dev.heaptrail.analysis.paths.GcRootPaths;
import dev.heaptrail.analysis.paths.PathDescriber;
import dev.heaptrail.analysis.paths.PathStep;
import dev.heaptrail.heap.index.HeapIndex;
import dev.heaptrail.heap.index.ObjectKind;
import dev.heaptrail.report.PathReport;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "path", mixinStandardHelpOptions = true,
        description = {"Shortest strong paths from a GC root to an object, or to the largest objects of a class.",
            "One step a line: the field, array index or static field that holds the next object, and the root's kind.",
            "Weak, soft and phantom references are not followed: a path shows what really keeps the object alive."},
        footer = {"", "Examples:",
            "  heaptrail path app.hprof --object 0x7ff3e2a10",
            "  heaptrail path app.hprof --class com.example.Session --limit 3 --format json"})
final class PathCommand implements Callable<Integer> {

    @ParentCommand
    HeaptrailCommand root;

    @Parameters(paramLabel = "DUMP", description = "A heap dump (.hprof or .hprof.gz).")
    Path dump;

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
    TextOrJson formatOption;

    @Mixin
    CommonOptions common;

    @Mixin
    IndexOptions indexOptions;

    @Override
    public Integer call() throws Exception {
        if (limit < 1) {
            throw new UsageException("--limit must be 1 or more");
        }
        boolean json = formatOption.json("path");
        long address = target.object == null ? 0 : parseId(target.object);
        HeapAnalysis analysis = indexOptions.analysis(dump, "path", root.err, common.quiet);
        try {
            HeapIndex index = analysis.index();
            List<Long> objects = new ArrayList<>();
            if (target.object != null) {
                long o = index.objectNumber(address);
                if (o < 0) {
                    throw new UsageException("the dump holds no object 0x" + Long.toHexString(address));
                }
                objects.add(o);
            } else {
                for (long o = 0; o < index.objectCount(); o++) {
                    if (index.kind(o) != ObjectKind.CLASS && index.classOf(o).name().equals(target.className)) {
                        objects.add(o);
                    }
                }
                if (objects.isEmpty()) {
                    throw new UsageException("the dump holds no object of class " + target.className
                            + " (names as Java spells them: java.util.HashMap$Node, byte[])");
                }
                objects.sort(Comparator.comparingLong(analysis::retainedBytes).reversed());
                objects = objects.subList(0, Math.min(limit, objects.size()));
            }
            GcRootPaths paths = analysis.gcRootPaths();
            List<List<Long>> found = new ArrayList<>();
            List<Long> unreachable = new ArrayList<>();
            for (long o : objects) {
                List<Long> p = paths.pathTo(o);
                if (p.isEmpty()) {
                    unreachable.add(o);
                } else {
                    found.add(p);
                }
            }
            List<List<PathStep>> described = new PathDescriber(index).describe(found);
            List<PathReport.TargetPath> out = new ArrayList<>();
            for (List<PathStep> steps : described) {
                out.add(new PathReport.TargetPath(analysis.retainedBytes(steps.get(steps.size() - 1).object()), steps));
            }
            if (json) {
                PathReport.json(out, root.out);
            } else {
                PathReport.text(out, root.out);
                for (long o : unreachable) {
                    root.out.printf("%s (0x%x): no strong path from a GC root (garbage, or only weakly/softly referenced)%n",
                            index.typeName(o), index.address(o));
                }
            }
            root.out.flush();
            return ExitCodes.OK;
        } finally {
            indexOptions.finishSaving(root.err); // the new index, saved meanwhile
        }
    }

    private static long parseId(String text) {
        try {
            String t = text.trim().toLowerCase();
            return t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new UsageException("--object takes an id such as 0x7ff3e2a10, not '" + text + "'");
        }
    }
}
