package dev.heaptrail.junit;

import java.util.List;

/**
 * A leak found by {@link Leaks} or {@link LeakTest}: what grows per run, the classes that grew, the
 * path from a GC root to what piles up, and a signature that recognises the same leak across runs
 * and machines. The message says all of it.
 */
public final class LeakError extends AssertionError {

    private static final long serialVersionUID = 1L;

    private final String signature;
    private final double bytesPerIteration;
    private final double objectsPerIteration;
    private final transient List<ClassGrowth> grownClasses;
    private final String holder;
    private final String trace;

    public LeakError(String message, String signature, double bytesPerIteration, double objectsPerIteration,
                     List<ClassGrowth> grownClasses, String holder, String trace) {
        super(message);
        this.signature = signature;
        this.bytesPerIteration = bytesPerIteration;
        this.objectsPerIteration = objectsPerIteration;
        this.grownClasses = List.copyOf(grownClasses);
        this.holder = holder;
        this.trace = trace;
    }

    /**
     * 12 hex digits hashed from the classes and fields along the leak trace (no addresses, indexes,
     * thread names or lambda numbers): the same leak has the same signature on every run and
     * machine. Empty when no trace was found.
     */
    public String signature() {
        return signature;
    }

    /** Growth of the heap floor per run (Theil–Sen slope); 0 for objects that were not collected. */
    public double bytesPerIteration() {
        return bytesPerIteration;
    }

    /** More live objects per run, over all classes that grew. */
    public double objectsPerIteration() {
        return objectsPerIteration;
    }

    /** The classes that grew, most bytes first. */
    public List<ClassGrowth> grownClasses() {
        return grownClasses;
    }

    /** What holds the leak: "static field Cache.ENTRIES", "ThreadLocal Handler.BUFFERS of thread pool-1-thread-1"; empty when not found. */
    public String holder() {
        return holder;
    }

    /** The leak trace, a line a step from the GC root, as {@code heaptrail path} prints it; empty when not found. */
    public String trace() {
        return trace;
    }
}
