package dev.heaptrail.analysis.suspects.patterns;

import dev.heaptrail.analysis.suspects.LeakPattern;
import dev.heaptrail.analysis.suspects.LeakPatternDetector;
import dev.heaptrail.analysis.suspects.SuspectFacts;
import dev.heaptrail.heap.graph.HeapInstance;
import dev.heaptrail.heap.graph.HeapObject;
import dev.heaptrail.heap.graph.HeapObjectArray;
import dev.heaptrail.heap.graph.HeapValue;

import java.util.Optional;

/**
 * A scheduler's queue full of tasks that were cancelled: a ScheduledThreadPoolExecutor keeps a
 * cancelled task until its delay ends (unless told {@code setRemoveOnCancelPolicy(true)}; the task
 * drops what it would have run), a java.util.Timer until {@code purge()}, with all it captured.
 * Timeouts scheduled per request and cancelled when the request ends pile up so. Reads the first tasks of the queue's
 * array and their state as FutureTask and TimerTask keep it; most must be cancelled.
 */
public final class CancelledTasksDetector implements LeakPatternDetector {

    private static final String DELAYED_WORK_QUEUE = "java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue";
    private static final String TIMER_QUEUE = "java.util.TaskQueue";
    /** FutureTask's states from CANCELLED on (CANCELLED, INTERRUPTING, INTERRUPTED); TimerTask's CANCELLED. */
    private static final int FUTURE_CANCELLED = 4;
    private static final int TIMER_TASK_CANCELLED = 3;
    private static final int SAMPLE = 64;

    @Override
    public LeakPattern pattern() {
        return LeakPattern.CANCELLED_TASKS;
    }

    @Override
    public boolean matches(SuspectFacts suspect) {
        Optional<HeapInstance> queue = suspect.point().asInstance()
                .filter(q -> q.className().equals(DELAYED_WORK_QUEUE) || q.className().equals(TIMER_QUEUE));
        Optional<HeapObjectArray> tasks = queue.flatMap(q -> q.fieldObject("queue")).flatMap(HeapObject::asObjectArray);
        if (tasks.isEmpty()) {
            return false;
        }
        int sampled = 0;
        int cancelled = 0;
        for (int i = 0, n = tasks.get().length(); i < n && sampled < SAMPLE; i++) {
            Optional<HeapInstance> task = tasks.get().element(i).flatMap(HeapObject::asInstance);
            if (task.isEmpty()) {
                continue;
            }
            Optional<Integer> futureState = task.get().field("java.util.concurrent.FutureTask", "state").map(HeapValue::asInt);
            Optional<Integer> timerState = task.get().field("java.util.TimerTask", "state").map(HeapValue::asInt);
            if (futureState.isPresent() || timerState.isPresent()) {
                sampled++;
                if (futureState.map(s -> s >= FUTURE_CANCELLED).orElse(false) || timerState.map(s -> s == TIMER_TASK_CANCELLED).orElse(false)) {
                    cancelled++;
                }
            }
        }
        return sampled > 0 && 2 * cancelled > sampled;
    }
}
