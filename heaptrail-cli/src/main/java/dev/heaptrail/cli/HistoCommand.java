package dev.heaptrail.cli;

import dev.heaptrail.heap.ClassHistogram;
import dev.heaptrail.heap.ClassHistogramBuilder;
import dev.heaptrail.hprof.HprofReader;
import dev.heaptrail.report.HistogramReport;
import dev.heaptrail.report.OutputFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

@Command(name = "histo", mixinStandardHelpOptions = true,
        description = {"Instances and shallow bytes per class in a heap dump, largest first.",
            "Sizes are those the JVM itself reports (GC.class_histogram); the object layout is inferred from the dump.",
            "Reads plain and gzip-compressed dumps in one streaming pass; memory does not grow with the dump."},
        footer = {"", "Examples:",
            "  heaptrail histo app.hprof --top 20",
            "  heaptrail histo app.hprof.gz --filter 'com\\.example\\.' --format csv > classes.csv",
            "  heaptrail histo app.hprof --format json | jq '.classes[0]'"})
final class HistoCommand implements Callable<Integer> {

    private static final int DEFAULT_TEXT_ROWS = 50;

    @ParentCommand
    HeaptrailCommand root;

    @Parameters(paramLabel = "DUMP", description = "A heap dump (.hprof or .hprof.gz).")
    Path dump;

    @Option(names = "--top", paramLabel = "N",
            description = "Show the N largest classes; 0 shows all. Default: 50 in text, all in json and csv.")
    Integer top;

    @Option(names = "--filter", paramLabel = "REGEX",
            description = "Only classes whose name contains a match of REGEX (Java syntax), e.g. 'com\\.example\\.|byte\\[\\]'.")
    String filter;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json or csv (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

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
        try (HprofReader reader = DumpArgument.open(dump, "histo")) {
            histogram = ClassHistogramBuilder.build(reader, ProgressBar.forTerminal(root.err, "reading", common.quiet));
        }
        int limit = top != null ? top : format == OutputFormat.TEXT ? DEFAULT_TEXT_ROWS : 0;
        ClassHistogram matching = histogram.select(r -> pattern == null || pattern.matcher(r.className()).find(), 0);
        ClassHistogram shown = matching.select(r -> true, limit);
        switch (format) {
            case JSON -> HistogramReport.json(shown, root.out);
            case CSV -> HistogramReport.csv(shown, root.out);
            default -> HistogramReport.text(shown, matching.rows().size(), histogram.rows().size(), root.out);
        }
        root.out.flush();
        return ExitCodes.OK;
    }
}
