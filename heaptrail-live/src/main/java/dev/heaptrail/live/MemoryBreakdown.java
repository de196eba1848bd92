package dev.heaptrail.live;

import dev.heaptrail.live.watch.JvmMemory;

/**
 * A JVM's resident memory split into what its management beans account for, and the rest. The
 * parts are committed sizes, not resident ones: committed pages never touched are not in RSS, so
 * the rest may come out negative.
 *
 * @param metaspaceCommittedBytes the Metaspace pool, which counts the compressed class space too
 * @param threadStacksBytes       an estimate: Java threads × ThreadStackSize, each stack taken as fully used
 * @param threadStackSizeBytes    the ThreadStackSize it was estimated with (0: left to the system, not counted)
 */
public record MemoryBreakdown(long rssBytes, long heapCommittedBytes, long metaspaceCommittedBytes,
                              long codeCacheCommittedBytes, long threadStacksBytes, long directBufferBytes,
                              long mappedBufferBytes, int threads, long threadStackSizeBytes) {

    public static MemoryBreakdown of(long rssBytes, JvmMemory m, long threadStackSizeBytes) {
        return new MemoryBreakdown(rssBytes, m.heapCommittedBytes(), m.metaspaceCommittedBytes(),
                m.codeCacheCommittedBytes(), m.threads() * threadStackSizeBytes, m.directBufferBytes(),
                m.mappedBufferBytes(), m.threads(), threadStackSizeBytes);
    }

    /** RSS minus the parts: the JVM's own malloc (GC, compiler, symbols), native libraries, their code. */
    public long unexplainedBytes() {
        return rssBytes - heapCommittedBytes - metaspaceCommittedBytes - codeCacheCommittedBytes - threadStacksBytes
                - directBufferBytes - mappedBufferBytes;
    }
}
