package dev.heaptrail.report;

import dev.heaptrail.live.MemoryBreakdown;
import dev.heaptrail.live.NativeMemory;

/**
 * {@code heaptrail native}: a JVM's native memory by category and its resident memory split up.
 *
 * @param nmt    the Native Memory Tracking summary or diff, null when tracking is off
 * @param advice what to do next, or null
 */
public record NativeResult(long pid, MemoryBreakdown breakdown, NativeMemory.Summary nmt, String advice) {}
