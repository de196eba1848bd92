package dev.heaptrail.analysis.suspects;

import dev.heaptrail.testkit.ScheduledTimeouts;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Cancelled timeouts kept by a ScheduledThreadPoolExecutor and a Timer, beside a scheduler of live tasks, in a real JVM. */
class CancelledTasksTest {

    @Test
    void cancelledTimeoutsAreNamedAndLiveOnesAreABacklog() throws Exception {
        List<LeakSuspect> suspects = LeakSuspects.find(LeakScenariosTest.analysis("cancelled-tasks"), 5, 10);

        List<LeakSuspect> scheduled = ofKind(suspects, "java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue");
        assertThat(scheduled).hasSize(2);
        LeakSuspect cancelled = scheduled.stream().filter(s -> s.elements() == ScheduledTimeouts.CANCELLED).findFirst().orElseThrow();
        assertThat(cancelled.pattern()).as(cancelled.description()).isEqualTo(LeakPattern.CANCELLED_TASKS);
        assertThat(cancelled.shape().leakLike()).isTrue();
        assertThat(cancelled.pattern().advice()).startsWith("call setRemoveOnCancelPolicy(true)");
        LeakSuspect live = scheduled.stream().filter(s -> s.elements() == ScheduledTimeouts.LIVE).findFirst().orElseThrow();
        assertThat(live.pattern()).as(live.description()).isEqualTo(LeakPattern.EXECUTOR_BACKLOG);

        // The timer's thread drops a cancelled task when it finds one first in line; the rest stay.
        LeakSuspect timer = ofKind(suspects, "java.util.TaskQueue").get(0);
        assertThat(timer.pattern()).as(timer.description()).isEqualTo(LeakPattern.CANCELLED_TASKS);
        assertThat(timer.elements()).isBetween(200L, (long) ScheduledTimeouts.TIMER_CANCELLED);
        assertThat(timer.thread()).isEqualTo("legacy-timeouts");
    }

    private static List<LeakSuspect> ofKind(List<LeakSuspect> suspects, String kind) {
        return suspects.stream().filter(s -> s.kind().equals(kind)).toList();
    }
}
