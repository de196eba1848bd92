package dev.heaptrail.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ctrl-C and kill as a request to finish: a watch stops sampling and still prints its verdict,
 * instead of the JVM exiting mid-line. Through sun.misc.Signal (jdk.unsupported, there for exactly
 * this); where a signal cannot be handled the default stays and the watch simply ends.
 *
 * <p>Several watches may run in one JVM at once (tests, a future embedding), and they end in any
 * order. So handlers are not swapped per watch, which would let the first to end put back a
 * handler of one still running and leave a finished watch's handler installed for good: one
 * handler a signal is installed while any registration is open, it runs every open registration's
 * action, and the handler that was there before the first is put back when the last one closes.
 */
final class Interrupts {

    private Interrupts() {}

    /** An open request to hear signals; closing it is idempotent. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private static final Map<String, List<Runnable>> ACTIONS = new HashMap<>();
    private static final Map<String, sun.misc.SignalHandler> BEFORE = new HashMap<>();

    /** Runs {@code action} on each of the signals until the registration is closed. */
    static Registration onSignals(Runnable action, String... names) {
        List<String> registered = new ArrayList<>();
        for (String name : names) {
            if (add(name, action)) {
                registered.add(name);
            }
        }
        return new Registration() {
            private boolean closed;

            @Override
            public void close() {
                synchronized (Interrupts.class) {
                    if (!closed) {
                        closed = true;
                        registered.forEach(name -> remove(name, action));
                    }
                }
            }
        };
    }

    private static synchronized boolean add(String name, Runnable action) {
        List<Runnable> actions = ACTIONS.get(name);
        if (actions == null) {
            try {
                BEFORE.put(name, sun.misc.Signal.handle(new sun.misc.Signal(name), s -> runAll(name)));
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                return false; // the JVM uses this signal itself (e.g. with -Xrs): keep the default
            }
            actions = new ArrayList<>();
            ACTIONS.put(name, actions);
        }
        actions.add(action);
        return true;
    }

    private static synchronized void remove(String name, Runnable action) {
        List<Runnable> actions = ACTIONS.get(name);
        if (actions == null || !actions.remove(action) || !actions.isEmpty()) {
            return;
        }
        ACTIONS.remove(name);
        sun.misc.Signal.handle(new sun.misc.Signal(name), BEFORE.remove(name));
    }

    private static void runAll(String name) {
        List<Runnable> actions;
        synchronized (Interrupts.class) {
            actions = new ArrayList<>(ACTIONS.getOrDefault(name, List.of()));
        }
        actions.forEach(Runnable::run);
    }
}
