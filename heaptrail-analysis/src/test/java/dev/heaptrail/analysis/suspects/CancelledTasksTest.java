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

        // the cancelled ones, behind one live task due first
        List<LeakSuspect> timers = ofKind(suspects, "java.util.TaskQueue");
        assertThat(timers).as(suspects.stream().map(LeakSuspect::description).toList().toString()).hasSize(1);
        LeakSuspect timer = timers.get(0);
        assertThat(timer.pattern()).as(timer.description()).isEqualTo(LeakPattern.CANCELLED_TASKS);
        assertThat(timer.elements()).isEqualTo(ScheduledTimeouts.TIMER_CANCELLED + 1);
        assertThat(timer.thread()).isEqualTo("legacy-timeouts");
    }

    private static List<LeakSuspect> ofKind(List<LeakSuspect> suspects, String kind) {
        return suspects.stream().filter(s -> s.kind().equals(kind)).toList();
    }
}
