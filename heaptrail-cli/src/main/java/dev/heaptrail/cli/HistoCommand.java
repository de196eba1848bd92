package dev.heaptrail.cli;

import dev.heaptrail.heap.ClassHistogram;
import dev.heaptrail.heap.ClassHistogramBuilder;
import dev.heaptrail.heap.JavaClassNames;
import dev.heaptrail.heap.ObjectLayout;
import dev.heaptrail.hprof.HprofReader;
import dev.heaptrail.live.LiveHistogram;
import dev.heaptrail.report.HistogramResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

@Command(name = "histo", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = {"Instances and shallow bytes per class in a heap dump or a running JVM, largest first.",
            "Sizes are those the JVM itself reports (GC.class_histogram); the object layout is inferred from "
                + "the dump. Reads plain and gzip-compressed dumps in one streaming pass; memory does not grow with "
                + "the dump. Given a PID, asks that JVM for its live histogram (it runs a full GC first; --all "
                + "counts unreachable objects too, without a GC)."},
        footer = {"", "Examples:",
            "  heaptrail histo app.hprof --top 20",
            "  heaptrail histo 12345 --filter 'com\\.example\\.'",
            "  heaptrail histo app.hprof.gz --filter 'com\\.example\\.' --format csv > classes.csv",
            "  heaptrail histo app.hprof --format json | jq '.classes[0]'"})
final class HistoCommand implements Callable<Integer> {

    @ParentCommand
    HeaptrailCommand root;

    @Parameters(paramLabel = "DUMP|PID", description = "A heap dump (.hprof or .hprof.gz), or the process id of a running JVM.")
    Path dump;

    @Option(names = "--all", description = "With a PID: count unreachable objects too, without a full GC first.")
    boolean all;

    @Option(names = "--top", paramLabel = "N",
            description = "Show the N largest classes; 0 shows all. Default: 50 in text, all in json and csv.")
    Integer top;

    @Option(names = "--filter", paramLabel = "REGEX",
            description = "Only classes whose name contains a match of REGEX (Java syntax), e.g. 'com\\.example\\.|byte\\[\\]'.")
    String filter;

    @Mixin
    FormatOption format = new FormatOption(HistogramResult.class);

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        if (top != null && top < 0) {
            throw new UsageException("--top must be 0 (all) or more, not " + top);
        }
        Pattern pattern;
        try {
            pattern = filter == null ? null : Pattern.compile(filter);
        } catch (PatternSyntaxException e) {
            throw new UsageException("--filter is not a valid regular expression: " + e.getDescription() + " in '" + filter + "'");
        }
        ClassHistogram histogram;
        Long pid = pid(dump);
        if (pid != null) {
            histogram = live(LiveHistogram.of(pid, all));
        } else {
            if (all) {
                throw new UsageException("--all is for a running JVM (a PID): a dump's histogram counts every object it holds");
            }
            try (HprofReader reader = DumpFile.open(dump, "histo")) {
                histogram = ClassHistogramBuilder.build(reader, ProgressBar.forTerminal(root.err, "reading", common.quiet));
            }
        }
        ClassHistogram matching = histogram.select(r -> pattern == null || pattern.matcher(r.className()).find(), 0);
        format.render(new HistogramResult(matching, histogram.rows().size(), top == null ? OptionalInt.empty() : OptionalInt.of(top)),
                root.out);
        return ExitCodes.OK;
    }

    /** The process id the argument names: digits only, and no file of that name. */
    static Long pid(Path argument) {
        String name = argument.toString();
        return name.matches("\\d{1,18}") && !Files.exists(argument) ? Long.valueOf(name) : null;
    }

    /** A running JVM's histogram in the form a dump's takes: names as Java spells them, its own layout. */
    static ClassHistogram live(LiveHistogram h) {
        List<ClassHistogram.Row> rows = new ArrayList<>();
        for (LiveHistogram.Row r : h.rows()) {
            rows.add(new ClassHistogram.Row(JavaClassNames.fromJvm(r.jvmName()), 0, r.instances(), r.bytes()));
        }
        int header = h.compactHeaders() ? 8 : h.compressedClassPointers() ? 12 : 16;
        ObjectLayout layout = new ObjectLayout(header, h.compressedOops() ? 4 : 8, h.elementAlignedArrayBase(), h.alignment());
        return new ClassHistogram(List.copyOf(rows), h.totalInstances(), h.totalBytes(), layout);
    }
}
