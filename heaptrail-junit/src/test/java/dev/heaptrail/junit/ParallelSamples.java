package dev.heaptrail.junit;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Tests run in parallel beside a leak test ({@link LeakTestIsolationTest}); never by the build's own test run. */
final class ParallelSamples {

    /** When each ran: start and end, nanoseconds. */
    record Span(String who, long start, long end) {
        boolean overlaps(Span o) {
            return start < o.end && o.start < end;
        }
    }

    static final List<Span> SPANS = new CopyOnWriteArrayList<>();

    private ParallelSamples() {}

    /** Its runs' times go into arrays made beforehand: recording them must not look like a leak. */
    static class Measured {
        static final long[] STARTS = new long[64];
        static final long[] ENDS = new long[64];
        static int runs;

        @LeakTest(warmup = 1, iterations = 5)
        void measures() {
            STARTS[runs] = System.nanoTime();
            sleep(20);
            ENDS[runs++] = System.nanoTime();
        }
    }

    static class Busy {
        @Test
        void one() {
            busy("one");
        }

        @Test
        void two() {
            busy("two");
        }

        @Test
        void three() {
            busy("three");
        }

        @Test
        void four() {
            busy("four");
        }
    }

    static void busy(String who) {
        long start = System.nanoTime();
        byte[][] garbage = new byte[100][];
        for (int i = 0; i < 100; i++) {
            garbage[i] = new byte[10_000];
            sleep(3);
        }
        SPANS.add(new Span(who, start, System.nanoTime()));
        if (garbage[99].length != 10_000) {
            throw new AssertionError();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
