package dev.heaptrail.analysis.suspects.patterns;

import dev.heaptrail.analysis.paths.PathStep;
import dev.heaptrail.analysis.suspects.LeakPattern;
import dev.heaptrail.analysis.suspects.LeakPatternDetector;
import dev.heaptrail.analysis.suspects.SuspectFacts;

/** A value of a thread's ThreadLocalMap: the path goes through a thread's {@code threadLocals}. */
public final class ThreadLocalDetector implements LeakPatternDetector {

    @Override
    public LeakPattern pattern() {
        return LeakPattern.THREAD_LOCAL;
    }

    /**
     * The path enters a thread's ThreadLocals before any executor's work queue: a task queued behind
     * an executor that happens to hold a ThreadLocal is the queue's backlog.
     */
    @Override
    public boolean matches(SuspectFacts suspect) {
        int threadLocal = suspect.indexOfStep(ThreadLocalDetector::intoThreadLocals);
        int queue = suspect.indexOfStep(ExecutorBacklogDetector::intoWorkQueue);
        return threadLocal >= 0 && (queue < 0 || threadLocal < queue);
    }

    static boolean intoThreadLocals(PathStep s) {
        return "threadLocals".equals(s.field()) || "inheritableThreadLocals".equals(s.field())
                || s.className().startsWith("java.lang.ThreadLocal$ThreadLocalMap");
    }
}
