package dev.heaptrail.analysis.suspects;

/** A detector from outside heaptrail, found through ServiceLoader (see META-INF/services in the test resources). */
public final class OffHeapBufferDetector implements LeakPatternDetector {

    static final LeakPattern PATTERN = new LeakPattern("pooled-buffer-hoard", "buffers taken from a pool and never given back",
            "release each buffer in a finally block");

    @Override
    public LeakPattern pattern() {
        return PATTERN;
    }

    @Override
    public boolean matches(SuspectFacts suspect) {
        return suspect.dominantClassName().equals("com.example.PooledBuffer");
    }
}
