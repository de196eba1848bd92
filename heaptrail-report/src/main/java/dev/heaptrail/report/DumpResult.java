package dev.heaptrail.report;

import java.nio.file.Path;

/**
 * {@code heaptrail dump}: the heap dump a running JVM wrote.
 *
 * @param live    only reachable objects, after a full GC
 * @param gzip    compressed by the JVM
 * @param seconds how long the JVM took (text only: a timing, not part of the JSON contract)
 */
public record DumpResult(long pid, Path file, long bytes, boolean live, boolean gzip, double seconds) {}
