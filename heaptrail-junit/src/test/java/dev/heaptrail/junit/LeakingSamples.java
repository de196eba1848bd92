package dev.heaptrail.junit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Test classes that leak, run by {@link LeakTestTest} on a real JUnit Platform (EngineTestKit), never
 * by the build's own test run (nested classes are not picked up by it).
 */
final class LeakingSamples {

    private LeakingSamples() {}

    /** A static map that gains an entry of about 100 bytes per call. */
    static class StaticMap {
        static final Map<Integer, byte[]> SEEN = new HashMap<>();

        @LeakTest
        void remembersEveryRequest() {
            SEEN.put(SEEN.size(), new byte[64]);
        }
    }

    /** An event bus whose listeners are never removed. */
    static class ListenerList {
        static final List<Consumer<String>> LISTENERS = new ArrayList<>();

        @LeakTest
        void registersAListenerPerCall() {
            long[] state = new long[8];
            LISTENERS.add(event -> state[0]++);
        }
    }

    /** A pooled thread (not the test's own) whose ThreadLocal list gains a buffer per call. */
    static class PooledThreadLocal {
        static final ThreadLocal<List<byte[]>> BUFFERS = ThreadLocal.withInitial(ArrayList::new);
        static final ExecutorService POOL = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sample-pool-thread");
            t.setDaemon(true);
            return t;
        });

        @LeakTest
        void leavesABufferInTheWorkersThreadLocal() throws Exception {
            POOL.submit(() -> BUFFERS.get().add(new byte[100])).get();
        }
    }

    /** A slow leak: one small object (about 50 bytes) a call. */
    static class SlowSmallLeak {
        static final List<Object> KEPT = new ArrayList<>();

        @LeakTest
        void keepsALittle() {
            KEPT.add(new int[8]);
        }
    }

    /** A closed session that a registry still lists: watched, it is not collected. */
    @WatchLeaks
    static class WatchedObjectLeftInAList {
        static final List<Object> OPEN = new ArrayList<>();

        @org.junit.jupiter.api.Test
        void closesASession() {
            Object session = new StringBuilder("session-42");
            OPEN.add(session);
            Leaks.expectCollected(session, "the closed session 42");
        }
    }

    /** Bad use: a leak test with a parameter. */
    static class WithParameter {
        @LeakTest
        void needsAnInfo(org.junit.jupiter.api.TestInfo info) {
        }
    }

    /** Bad use: too few iterations to judge. */
    static class TooFewIterations {
        @LeakTest(iterations = 3)
        void runsThreeTimes() {
        }
    }
}
