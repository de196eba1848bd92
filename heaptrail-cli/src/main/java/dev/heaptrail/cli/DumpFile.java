package dev.heaptrail.cli;

import dev.heaptrail.hprof.HprofReader;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The DUMP a command reads, opened with an error that tells a mistyped PID from a missing file. */
final class DumpFile {

    @Parameters(paramLabel = "DUMP", description = "A heap dump (.hprof or .hprof.gz).")
    Path path;

    /** Opens the dump for {@code heaptrail command} (does I/O: reads its header). */
    HprofReader open(String command) throws IOException {
        return open(path, command);
    }

    /** Opens {@code dump}, a DUMP argument that is not this mixin's (histo's DUMP|PID). */
    static HprofReader open(Path dump, String command) throws IOException {
        if (!Files.exists(dump) && dump.toString().matches("\\d+")) {
            throw new UsageException("'" + dump + "' is not a file; heaptrail " + command
                    + " reads a heap dump (.hprof or .hprof.gz). Running processes are not supported by this command yet.");
        }
        return HprofReader.open(dump);
    }
}
