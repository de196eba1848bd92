package dev.heaptrail.analysis.suspects.patterns;

import dev.heaptrail.analysis.paths.PathStep;
import dev.heaptrail.analysis.suspects.LeakPattern;
import dev.heaptrail.analysis.suspects.LeakPatternDetector;
import dev.heaptrail.analysis.suspects.SuspectFacts;

/** Tasks waiting in an executor's work queue, or any blocking queue piling up. */
public final class ExecutorBacklogDetector implements LeakPatternDetector {

    @Override
    public LeakPattern pattern() {
        return LeakPattern.EXECUTOR_BACKLOG;
    }

    /**
     * The path goes through a {@code workQueue} field (ThreadPoolExecutor's), or the point is a
     * blocking queue (a scheduler's or a Timer's too). BlockingQueue is an interface, which a dump
     * does not record: its implementations are known by their names.
     */
    @Override
    public boolean matches(SuspectFacts suspect) {
        if (suspect.indexOfStep(ExecutorBacklogDetector::intoWorkQueue) >= 0) {
            return true;
        }
        String type = suspect.point().className();
        return type.contains("BlockingQueue") || type.contains("BlockingDeque") || type.endsWith("DelayQueue")
                || type.endsWith("$DelayedWorkQueue") || type.equals("java.util.TaskQueue");
    }

    static boolean intoWorkQueue(PathStep s) {
        return "workQueue".equals(s.field());
    }
}
