package dev.heaptrail.heap.internal;

/**
 * Wall time of each phase of a long analysis on stderr, with {@code -Dheaptrail.timing=true}:
 * how performance work and users' reports find where the time goes.
 */
public final class PhaseLog {

    private static final boolean ON = Boolean.getBoolean("heaptrail.timing");
    /** From the JVM's start: the first phase includes start-up, as users feel it. */
    private static long last = System.nanoTime()
            - (ON ? java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000 : 0);

    private PhaseLog() {}

    /** Prints the time since the previous mark, naming the phase that just ended. */
    public static synchronized void mark(String phase) {
        if (!ON) {
            return;
        }
        long now = System.nanoTime();
        System.err.printf("heaptrail: %-28s %7.3f s%n", phase, (now - last) / 1e9);
        last = now;
    }
}
