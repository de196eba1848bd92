package dev.heaptrail.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.heaptrail.live.HeapDumper;
import dev.heaptrail.report.Bytes;
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

@Command(name = "dump", mixinStandardHelpOptions = true,
        description = {"Writes a heap dump of a running JVM.",
            "The JVM writes it itself, of live objects after a full GC unless --all (--gz through the JDK's jcmd). The file is",
            "made readable by its owner only (0600): dumps hold passwords, tokens and personal data. Refused when",
            "the disk has less room than the heap in use."},
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
    TextOrJson formatOption;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        boolean json = formatOption.json("dump");
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
        long bytes = Files.size(file);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (json) {
            try (JsonGenerator g = new JsonFactory().createGenerator(root.out, JsonEncoding.UTF8)) {
                g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                g.writeStartObject();
                g.writeNumberField("pid", pid);
                g.writeStringField("file", file.toString());
                g.writeNumberField("bytes", bytes);
                g.writeBooleanField("live", live);
                g.writeBooleanField("gzip", gzip);
                g.writeEndObject();
            }
            root.out.println();
        } else {
            root.out.printf("%s  %s (%s bytes) in %.1f s%n", file, Bytes.human(bytes), Bytes.count(bytes), seconds);
        }
        root.out.flush();
        return ExitCodes.OK;
    }
}
