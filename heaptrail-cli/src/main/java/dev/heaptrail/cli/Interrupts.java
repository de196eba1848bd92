package dev.heaptrail.cli;

/**
 * Ctrl-C and kill as a request to finish: a watch stops sampling and still prints its verdict,
 * instead of the JVM exiting mid-line. Through sun.misc.Signal (jdk.unsupported, there for exactly
 * this); where a signal cannot be handled the default stays and the watch simply ends.
 */
final class Interrupts {

    private Interrupts() {}

    /** Runs {@code action} on the signal; returns the handler it replaced, or null when not possible. */
    static Object onSignal(String name, Runnable action) {
        try {
            return sun.misc.Signal.handle(new sun.misc.Signal(name), s -> action.run());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return null; // the JVM uses this signal itself (e.g. with -Xrs): keep the default
        }
    }

    static void restore(String name, Object previous) {
        if (previous instanceof sun.misc.SignalHandler handler) {
            sun.misc.Signal.handle(new sun.misc.Signal(name), handler);
        }
    }
}
