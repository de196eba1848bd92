package dev.heaptrail.live.trend;

/** What a watch concludes about one memory area, or about the process. */
public enum Verdict {
    LEAK("leak"), NO_LEAK("no-leak"), INCONCLUSIVE("inconclusive");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** The word users' scripts see: {@code leak}, {@code no-leak}, {@code inconclusive}. */
    public String label() {
        return label;
    }
}
