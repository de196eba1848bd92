package dev.heaptrail.live.trend;

import java.util.Arrays;

/**
 * One memory figure over time (seconds since the watch began, bytes), appended in time order. Two
 * primitive arrays that double as they fill: a day of one-second samples is 1.4 MB.
 */
public final class MemorySeries {

    private double[] seconds = new double[64];
    private double[] bytes = new double[64];
    private int size;

    public void add(double atSeconds, double value) {
        if (size > 0 && atSeconds < seconds[size - 1]) {
            throw new IllegalArgumentException("samples must come in time order: " + atSeconds + " after "
                    + seconds[size - 1]);
        }
        if (size == seconds.length) {
            seconds = Arrays.copyOf(seconds, size * 2);
            bytes = Arrays.copyOf(bytes, size * 2);
        }
        seconds[size] = atSeconds;
        bytes[size] = value;
        size++;
    }

    public int size() {
        return size;
    }

    public double seconds(int i) {
        return seconds[i];
    }

    public double bytes(int i) {
        return bytes[i];
    }

    public double last() {
        return bytes[size - 1];
    }

    /** The points from {@code fromSeconds} on, as a new series: the agent's sliding window. */
    public MemorySeries since(double fromSeconds) {
        MemorySeries s = new MemorySeries();
        for (int i = 0; i < size; i++) {
            if (seconds[i] >= fromSeconds) {
                s.add(seconds[i], bytes[i]);
            }
        }
        return s;
    }

    /**
     * The lowest point in each of {@code blocks} equal stretches of time (empty stretches give
     * none). Minima, because what a leak raises is the floor memory returns to, not its peaks;
     * stretches rather than samples, because neighbouring samples are not independent.
     */
    BlockMinima blockMinima(int blocks) {
        double start = seconds[0];
        double span = seconds[size - 1] - start;
        double[] t = new double[blocks];
        double[] y = new double[blocks];
        boolean[] seen = new boolean[blocks];
        for (int i = 0; i < size; i++) {
            int b = span <= 0 ? 0 : Math.min(blocks - 1, (int) ((seconds[i] - start) / span * blocks));
            if (!seen[b] || bytes[i] < y[b]) {
                seen[b] = true;
                t[b] = seconds[i];
                y[b] = bytes[i];
            }
        }
        int m = 0;
        for (int b = 0; b < blocks; b++) {
            if (seen[b]) {
                t[m] = t[b];
                y[m] = y[b];
                m++;
            }
        }
        return new BlockMinima(Arrays.copyOf(t, m), Arrays.copyOf(y, m));
    }

    record BlockMinima(double[] seconds, double[] bytes) {
        int size() {
            return seconds.length;
        }
    }
}
