package dev.heaptrail.cli;

import dev.heaptrail.heap.DumpSummary;
import dev.heaptrail.hprof.HprofReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "info", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = {"What a heap dump holds and which JVM wrote it.",
            "Format, identifier size, when it was written, the JVM that wrote it, the object layout, object "
                + "and class counts, GC roots by kind, record counts. Reads the whole file, so it also checks that "
                + "it is intact."},
        footer = {"", "Examples:", "  heaptrail info app.hprof", "  heaptrail info app.hprof.gz --format json"})
final class InfoCommand implements Callable<Integer> {

    @ParentCommand
    HeaptrailCommand root;

    @Mixin
    DumpFile dump;

    @Mixin
    FormatOption format = new FormatOption(DumpSummary.class);

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        DumpSummary summary;
        try (HprofReader reader = dump.open("info")) {
            summary = DumpSummary.read(reader, ProgressBar.forTerminal(root.err, "reading", common.quiet));
        }
        format.render(summary, root.out);
        return ExitCodes.OK;
    }
}
