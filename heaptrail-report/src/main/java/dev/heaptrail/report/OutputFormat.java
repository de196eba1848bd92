package dev.heaptrail.report;

/** How a command prints its result. */
public enum OutputFormat {
    TEXT, JSON, CSV
}
