package dev.heaptrail.cli;

import dev.heaptrail.heap.DumpSummary;
import dev.heaptrail.hprof.HprofReader;
import dev.heaptrail.report.SummaryReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"What a heap dump holds and which JVM wrote it.",
            "Format, identifier size, when it was written, the JVM that wrote it, the object layout, object and",
            "class counts, GC roots by kind, record counts. Reads the whole file, so it also checks that it is intact."},
        footer = {"", "Examples:", "  heaptrail info app.hprof", "  heaptrail info app.hprof.gz --format json"})
final class InfoCommand implements Callable<Integer> {

    @ParentCommand
    HeaptrailCommand root;

    @Parameters(paramLabel = "DUMP", description = "A heap dump (.hprof or .hprof.gz).")
    Path dump;

    @Mixin
    TextOrJson formatOption;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        boolean json = formatOption.json("info");
        DumpSummary summary;
        try (HprofReader reader = DumpArgument.open(dump, "info")) {
            summary = DumpSummary.read(reader, ProgressBar.forTerminal(root.err, "reading", common.quiet));
        }
        if (json) {
            SummaryReport.json(summary, root.out);
        } else {
            SummaryReport.text(summary, root.out);
        }
        root.out.flush();
        return ExitCodes.OK;
    }
}
