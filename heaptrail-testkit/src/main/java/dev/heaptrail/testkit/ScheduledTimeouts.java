package dev.heaptrail.testkit;

import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Timeouts scheduled per request and cancelled when the request ends, for {@code LeakScenarios
 * cancelled-tasks}: a ScheduledThreadPoolExecutor keeps the cancelled tasks until they were due (an
 * hour), and a java.util.Timer keeps them with the request each captured. Beside them, a scheduler whose
 * tasks are live: a backlog, not cancelled work.
 */
public final class ScheduledTimeouts {

    public static final int CANCELLED = 40_000;
    public static final int TIMER_CANCELLED = 2_000;
    public static final int LIVE = 1_500;

    public static final ScheduledThreadPoolExecutor TIMEOUTS = new ScheduledThreadPoolExecutor(1);
    public static final ScheduledThreadPoolExecutor REMINDERS = new ScheduledThreadPoolExecutor(1);
    public static final Timer LEGACY = new Timer("legacy-timeouts", true);

    private ScheduledTimeouts() {}

    static void build() {
        for (int i = 0; i < CANCELLED; i++) {
            byte[] request = new byte[100]; // let go at cancel(): FutureTask drops its callable, but not itself
            ScheduledFuture<?> timeout = TIMEOUTS.schedule(() -> System.out.println(request.length), 1, TimeUnit.HOURS);
            timeout.cancel(false);
        }
        // The timer's thread drops every cancelled task it finds first in line when it wakes, which
        // is a race with this loop; a live task due first keeps it asleep, and all of them queued.
        LEGACY.schedule(new TimerTask() {
            @Override
            public void run() {
            }
        }, TimeUnit.MINUTES.toMillis(50));
        for (int i = 0; i < TIMER_CANCELLED; i++) {
            byte[] request = new byte[1_000];
            TimerTask timeout = new TimerTask() {
                @Override
                public void run() {
                    System.out.println(request.length);
                }
            };
            LEGACY.schedule(timeout, TimeUnit.HOURS.toMillis(1));
            timeout.cancel();
        }
        for (int i = 0; i < LIVE; i++) {
            byte[] note = new byte[1_000];
            REMINDERS.schedule(() -> System.out.println(note.length), 1, TimeUnit.HOURS);
        }
    }
}
