package dev.heaptrail.junit;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import java.util.ArrayList;
import java.util.List;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * What a leak test costs, for docs/performance.md: not part of the build's tests (its name is not a
 * test's), run on purpose:
 * {@code mvn -B -o test -pl heaptrail-junit -Dtest=LeakTestCost -Dsurefire.failIfNoSpecifiedTests=false}
 * (the times are printed to target/surefire-reports/dev.heaptrail.junit.LeakTestCost-output.txt).
 */
class LeakTestCost {

    static final List<Object> BALLAST = new ArrayList<>();

    static class OneMillisecondBody {
        @LeakTest
        void handles() {
            long end = System.nanoTime() + 1_000_000;
            long x = 0;
            while (System.nanoTime() < end) {
                x += System.nanoTime() & 1;
            }
            if (x == -1) {
                throw new AssertionError();
            }
        }
    }

    static class KilobyteLeak {
        static final List<byte[]> KEPT = new ArrayList<>();

        @LeakTest
        void keepsAKilobyte() {
            KEPT.add(new byte[1_000]);
        }
    }

    private static long millis(Class<?> sample, String expect) {
        long start = System.nanoTime();
        Events events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(sample)).execute().testEvents();
        long ms = (System.nanoTime() - start) / 1_000_000;
        long count = expect.equals("pass") ? events.succeeded().count() : events.failed().count();
        if (count != 1) {
            throw new AssertionError(sample.getSimpleName() + " did not " + expect);
        }
        return ms;
    }

    @Test
    void cost() {
        millis(OneMillisecondBody.class, "pass"); // the first run loads the classes
        StringBuilder out = new StringBuilder("passing @LeakTest, 1 ms body, live heap "
                + (usedAfterGc() >> 20) + " MB:");
        for (int i = 0; i < 5; i++) {
            out.append(' ').append(millis(OneMillisecondBody.class, "pass")).append(" ms");
        }
        // 100 MB of live objects: a million small ones and 40 MB of arrays
        for (int i = 0; i < 1_000_000; i++) {
            BALLAST.add(new long[5]);
        }
        for (int i = 0; i < 40; i++) {
            BALLAST.add(new byte[1 << 20]);
        }
        out.append("\nfailing @LeakTest (1 KB a run), live heap ").append(usedAfterGc() >> 20).append(" MB:");
        for (int i = 0; i < 3; i++) {
            KilobyteLeak.KEPT.clear();
            out.append(' ').append(millis(KilobyteLeak.class, "fail")).append(" ms");
        }
        BALLAST.clear();
        System.out.println(out);
    }

    private static long usedAfterGc() {
        System.gc();
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
