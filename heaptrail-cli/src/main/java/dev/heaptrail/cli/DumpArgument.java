package dev.heaptrail.cli;

import dev.heaptrail.hprof.HprofReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the DUMP argument of a command, telling a mistyped PID from a missing file. */
final class DumpArgument {

    private DumpArgument() {}

    static HprofReader open(Path dump, String command) throws IOException {
        if (!Files.exists(dump) && dump.toString().matches("\\d+")) {
            throw new UsageException("'" + dump + "' is not a file; heaptrail " + command
                    + " reads a heap dump (.hprof or .hprof.gz). Running processes are not supported by this command yet.");
        }
        return HprofReader.open(dump);
    }
}
