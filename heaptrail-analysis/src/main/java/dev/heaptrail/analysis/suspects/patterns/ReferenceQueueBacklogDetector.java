package dev.heaptrail.analysis.suspects.patterns;

import dev.heaptrail.analysis.suspects.LeakPattern;
import dev.heaptrail.analysis.suspects.LeakPatternDetector;
import dev.heaptrail.analysis.suspects.SuspectFacts;
import dev.heaptrail.heap.graph.HeapInstance;
import dev.heaptrail.hprof.BasicType;

/**
 * A ReferenceQueue, or a Cleaner's implementation around one, that holds many references: their
 * cleaning actions wait for a thread that is stuck or slow, or nobody polls the queue.
 */
public final class ReferenceQueueBacklogDetector implements LeakPatternDetector {

    /** Fewer queued references than this are a queue at work, not a backlog. */
    static final int MANY = 100;

    @Override
    public LeakPattern pattern() {
        return LeakPattern.REFERENCE_QUEUE_BACKLOG;
    }

    @Override
    public boolean matches(SuspectFacts suspect) {
        if (!(suspect.point() instanceof HeapInstance point)) {
            return false;
        }
        HeapInstance queue = point.instanceOf("java.lang.ref.ReferenceQueue") ? point
                : point.fieldObject("queue").filter(HeapInstance.class::isInstance).map(HeapInstance.class::cast)
                        .filter(q -> q.instanceOf("java.lang.ref.ReferenceQueue")).orElse(null);
        return queue != null && queue.field("queueLength").map(v -> v.type() == BasicType.INT ? v.asInt() : v.asLong())
                .orElse(0L) >= MANY;
    }
}
