package dev.heaptrail.cli;

import dev.heaptrail.live.HeapDumper;
import dev.heaptrail.report.DumpResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

@Command(name = "dump", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = {"Writes a heap dump of a running JVM.",
            "The JVM writes it itself, of live objects after a full GC unless --all (--gz through the JDK's "
                + "jcmd). The file is made readable by its owner only (0600): dumps hold passwords, tokens and "
                + "personal data. Refused when the disk has less room than the heap in use."},
        footer = {"", "Examples:", "  heaptrail dump 12345", "  heaptrail dump 12345 -o /var/tmp/app.hprof.gz --gz",
            "", "Exit codes: 0 written, 2 usage error, 4 no such process, not a JVM, attach refused or no room."})
final class DumpCommand implements Callable<Integer> {

    @ParentCommand
    HeaptrailCommand root;

    @Parameters(paramLabel = "PID", description = "The process id of a running JVM.")
    long pid;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to write (must not exist). Default: heapdump-PID-TIME.hprof here (.hprof.gz with --gz).")
    Path output;

    @Option(names = "--gz", description = "gzip-compressed by the JVM (JDK 15 and later); heaptrail reads it as it is.")
    boolean gzip;

    @ArgGroup(exclusive = true)
    Which which = new Which();

    static final class Which {
        @Option(names = "--live", description = "Only reachable objects, after a full GC (the default).")
        boolean live;

        @Option(names = "--all", description = "Every object, unreachable ones too, without a GC.")
        boolean all;
    }

    @Mixin
    FormatOption format = new FormatOption(DumpResult.class);

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        Path file = output != null ? output : Path.of("heapdump-" + pid + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + (gzip ? ".hprof.gz" : ".hprof"));
        file = file.toAbsolutePath();
        if (!gzip && !file.getFileName().toString().endsWith(".hprof")) {
            throw new UsageException("the JVM writes a dump only to a file ending in .hprof, not " + file.getFileName()
                    + " (or use --gz for any name)");
        }
        boolean live = !which.all;
        long start = System.nanoTime();
        HeapDumper.dump(pid, file, live, gzip);
        double seconds = (System.nanoTime() - start) / 1e9;
        format.render(new DumpResult(pid, file, Files.size(file), live, gzip, seconds), root.out);
        return ExitCodes.OK;
    }
}
