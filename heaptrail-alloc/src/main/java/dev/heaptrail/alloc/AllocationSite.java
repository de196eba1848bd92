package dev.heaptrail.alloc;

import java.util.List;

/**
 * One place in the code and what it allocated during a recording. Estimates that the recording
 * cannot give are null, never 0.
 *
 * @param rank                     1 for the site with the most surviving bytes (or growth, under a comparison)
 * @param frames                   the site's frames, innermost first: one frame by line or method, the
 *                                 (cut) stack for a trace
 * @param survivingBytes           estimated bytes allocated here that were still alive (and old enough) at the
 *                                 end of the recording; null when the recording has no survivor samples
 * @param survivingObjects         estimated objects behind {@code survivingBytes}; null likewise
 * @param samples                  the samples behind the estimates (allocation and survivor samples)
 * @param allocatedBytesPerSecond  estimated allocation rate here; null without allocation samples
 * @param topClass                 the class most of the site's (surviving, else allocated) bytes are of
 * @param path                     the reference chain from a GC root to one surviving object allocated
 *                                 here, when the recording carries one; else empty
 * @param growth                   under {@code --compare}: the change since the earlier recording; else null
 */
public record AllocationSite(int rank, List<Frame> frames, Long survivingBytes, Long survivingObjects, long samples,
                             Double allocatedBytesPerSecond, String topClass, List<RetentionStep> path, Growth growth) {

    /**
     * What changed at one site between two recordings, as tracemalloc's {@code compare_to}.
     *
     * @param survivingBytes   later minus earlier estimated surviving bytes; null when either recording
     *                         cannot say (no survivor samples, or JFR's samples of unknown size)
     * @param survivingObjects later minus earlier estimated surviving objects; null likewise
     * @param growing          the increase is larger than sampling alone explains
     */
    public record Growth(Long survivingBytes, Long survivingObjects, boolean growing) {}
}
