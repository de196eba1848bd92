package dev.heaptrail.analysis.suspects.patterns;

import dev.heaptrail.analysis.suspects.LeakPattern;
import dev.heaptrail.analysis.suspects.LeakPatternDetector;
import dev.heaptrail.analysis.suspects.SuspectFacts;
import dev.heaptrail.heap.graph.HeapObject;
import dev.heaptrail.heap.graph.HeapValue;

/** The JVM's finalizer queue: the ReferenceQueue in {@code java.lang.ref.Finalizer.queue}. */
public final class FinalizerBacklogDetector implements LeakPatternDetector {

    @Override
    public LeakPattern pattern() {
        return LeakPattern.FINALIZER_BACKLOG;
    }

    @Override
    public boolean matches(SuspectFacts suspect) {
        return suspect.graph().findClass("java.lang.ref.Finalizer").flatMap(c -> c.staticField("queue"))
                .flatMap(HeapValue::asObject).map(HeapObject::number)
                .filter(queue -> queue == suspect.point().number()).isPresent();
    }
}
