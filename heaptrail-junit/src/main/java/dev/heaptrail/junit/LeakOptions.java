package dev.heaptrail.junit;

/**
 * How {@link Leaks#assertNoLeak(LeakOptions, org.junit.jupiter.api.function.Executable)} and
 * {@link LeakTest} measure.
 *
 * @param warmup               runs before measuring: lazy initialisation, caches filling, class
 *                             loading and JIT compilation happen there (0 or more)
 * @param iterations           measured runs, each followed by full collections and a reading of the
 *                             heap floor (5 or more: fewer cannot tell a trend from noise)
 * @param maxBytesPerIteration growth of the heap floor per run that is tolerated (0 or more)
 */
public record LeakOptions(int warmup, int iterations, long maxBytesPerIteration) {

    public static final int DEFAULT_WARMUP = 5;
    public static final int DEFAULT_ITERATIONS = 20;
    /**
     * A third of the smallest leak that must fail (one object of about 100 bytes kept per run), and
     * well above the few bytes a run's measurement varies on a healthy heap.
     */
    public static final long DEFAULT_MAX_BYTES_PER_ITERATION = 32;

    public LeakOptions {
        if (warmup < 0) {
            throw new IllegalArgumentException("warmup must be 0 or more, not " + warmup);
        }
        if (iterations < 5) {
            throw new IllegalArgumentException("iterations must be 5 or more (fewer cannot tell a steady growth from noise), not "
                    + iterations);
        }
        if (maxBytesPerIteration < 0) {
            throw new IllegalArgumentException("maxBytesPerIteration must be 0 or more, not " + maxBytesPerIteration);
        }
    }

    public static LeakOptions defaults() {
        return new LeakOptions(DEFAULT_WARMUP, DEFAULT_ITERATIONS, DEFAULT_MAX_BYTES_PER_ITERATION);
    }

    public LeakOptions withWarmup(int runs) {
        return new LeakOptions(runs, iterations, maxBytesPerIteration);
    }

    public LeakOptions withIterations(int runs) {
        return new LeakOptions(warmup, runs, maxBytesPerIteration);
    }

    public LeakOptions withMaxBytesPerIteration(long bytes) {
        return new LeakOptions(warmup, iterations, bytes);
    }
}
