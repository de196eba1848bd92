package dev.heaptrail.cli;

import picocli.CommandLine.Option;

/** Options every command takes. */
public final class CommonOptions {

    @Option(names = "--debug", description = "On error, print the stack trace too.")
    boolean debug;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    boolean quiet;
}
