package dev.heaptrail.cli;

import dev.heaptrail.report.OutputFormat;
import picocli.CommandLine.Option;

/** {@code --format} of the commands that print text for people or json for scripts (not csv). */
final class TextOrJson {

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    /** Whether json was asked for; csv is a usage error naming the command. */
    boolean json(String command) {
        if (format == OutputFormat.CSV) {
            throw new UsageException(command + " prints text or json, not csv");
        }
        return format == OutputFormat.JSON;
    }
}
