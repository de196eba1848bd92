package dev.heaptrail.junit;

import dev.heaptrail.junit.internal.LeakCheck;
import dev.heaptrail.junit.internal.ObjectWatcher;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;

/**
 * Leak checks to call from code, in any test framework.
 *
 * <pre>{@code
 * Leaks.assertNoLeak(() -> service.handle(request));        // runs it 5 + 20 times
 *
 * Leaks.expectCollected(session, "the closed session");
 * sessions.close(session);
 * Leaks.assertCollected();                                  // a LeakError with the trace if it stays
 * }</pre>
 */
public final class Leaks {

    /** How long {@link #assertCollected()} waits for watched objects to go. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private Leaks() {}

    /**
     * Runs {@code body} {@link LeakOptions#DEFAULT_WARMUP} times, then
     * {@link LeakOptions#DEFAULT_ITERATIONS} times reading the heap after full collections; fails
     * with a {@link LeakError} when what it keeps grows steadily. What {@code body} throws is thrown.
     */
    public static void assertNoLeak(Executable body) {
        assertNoLeak(LeakOptions.defaults(), body);
    }

    /** As {@link #assertNoLeak(Executable)}, with these options. */
    public static void assertNoLeak(LeakOptions options, Executable body) {
        try {
            LeakCheck.run(options, body, body, "assertNoLeak");
        } catch (Throwable t) {
            throw Leaks.<RuntimeException>unchecked(t);
        }
    }

    /**
     * Watches {@code o}, which should become unreachable before the next {@link #assertCollected()}
     * ({@code description} names it in the failure). Holds it only weakly.
     */
    public static void expectCollected(Object o, String description) {
        ObjectWatcher.watch(o, description);
    }

    /**
     * Every object watched since the last call must be unreachable: checked after full collections,
     * retried with growing pauses for up to {@link #DEFAULT_TIMEOUT}; otherwise a {@link LeakError}
     * names each one still alive with its path from a GC root. The watched objects are forgotten
     * either way.
     */
    public static void assertCollected() {
        ObjectWatcher.assertCollected(DEFAULT_TIMEOUT);
    }

    /** As {@link #assertCollected()}, waiting up to {@code timeout}. */
    public static void assertCollected(Duration timeout) {
        ObjectWatcher.assertCollected(timeout);
    }

    /** Throws a checked exception of the body as it is, without wrapping (the compiler is told it is unchecked). */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T unchecked(Throwable t) throws T {
        throw (T) t;
    }
}
