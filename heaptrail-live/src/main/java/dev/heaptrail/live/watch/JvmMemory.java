package dev.heaptrail.live.watch;

/**
 * A JVM's memory as its management interface reports it at one moment.
 *
 * @param heapAfterGcBytes    heap in use right after the most recent collection (all heap pools), -1 before any
 * @param oldGenAfterGcBytes  the old generation's share of that, -1 when the collector has no old pool
 * @param directBufferBytes   memory held by direct ByteBuffers (the "direct" buffer pool)
 * @param mappedBufferBytes   memory held by mapped ByteBuffers (the "mapped" buffer pool)
 * @param gcCount             collections so far, all collectors
 * @param gcTimeMillis        time they took, all collectors
 */
public record JvmMemory(long heapUsedBytes, long heapCommittedBytes, long heapMaxBytes, long heapAfterGcBytes,
                        long oldGenAfterGcBytes, long metaspaceUsedBytes, long metaspaceCommittedBytes,
                        long codeCacheUsedBytes, long codeCacheCommittedBytes, long directBufferBytes,
                        long mappedBufferBytes, int threads, long gcCount, long gcTimeMillis) {}
