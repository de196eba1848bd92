package dev.heaptrail.heap;

import dev.heaptrail.heap.internal.PhaseLog;

/**
 * Wall time of each phase of a long run on stderr, with {@code -Dheaptrail.timing=true}: the
 * phases of reading and indexing mark themselves; a command marks its own (suspects, report).
 */
public final class PhaseTimes {

    private PhaseTimes() {}

    /** Prints the time since the previous mark, naming the phase that just ended (nothing unless timing is on). */
    public static void mark(String phase) {
        PhaseLog.mark(phase);
    }
}
