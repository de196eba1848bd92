package dev.heaptrail.junit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Code that does not leak, though it keeps something the first time: each must pass, run after run
 * ({@link LeakTestTest}), never run by the build's own test run.
 */
final class CleanSamples {

    private CleanSamples() {}

    /** A lazy singleton, a cache filled on the first call, a static initialiser run on first use. */
    static class InitialiseOnce {
        static volatile Object instance;
        static final Map<String, byte[]> CONFIG = new ConcurrentHashMap<>();

        @LeakTest
        void lazySingleton() {
            if (instance == null) {
                instance = new byte[10_000];
            }
        }

        @LeakTest
        void cacheFilledOnTheFirstCall() {
            CONFIG.computeIfAbsent("settings", k -> new byte[50_000]);
        }

        @LeakTest
        void classLoadedOnFirstUse() {
            Holder.VALUES.size();
        }

        static final class Holder {
            static final List<String> VALUES = new ArrayList<>(List.of("a", "b", "c"));
        }
    }

    /** A bounded LRU cache that reaches its bound during the warm-up runs. */
    static class BoundedLru {
        static final int BOUND = 3;
        static int next;
        static final Map<Integer, byte[]> LRU = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, byte[]> eldest) {
                return size() > BOUND;
            }
        };

        @LeakTest
        void putsANewKeyEachCall() {
            LRU.put(next++, new byte[1_000]);
        }
    }

    /** Interned strings, a ThreadLocal set once, hot code the JIT compiles, lots of garbage kept by nobody. */
    static class RuntimeChurn {
        static final ThreadLocal<byte[]> SCRATCH = new ThreadLocal<>();

        @LeakTest
        void internsTheSameStrings() {
            for (int i = 0; i < 100; i++) {
                ("key-" + (i % 10)).intern();
            }
        }

        @LeakTest
        void setsAThreadLocalOnce() {
            if (SCRATCH.get() == null) {
                SCRATCH.set(new byte[4_096]);
            }
        }

        @LeakTest
        void makesGarbageAndKeepsNone() {
            List<byte[]> temp = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                temp.add(new byte[1_000]);
            }
            if (temp.size() != 1_000) {
                throw new AssertionError();
            }
        }

        @LeakTest
        void hotLoop() {
            long sum = 0;
            for (int i = 0; i < 200_000; i++) {
                sum += Long.numberOfTrailingZeros(i * 31L + sum);
            }
            if (sum == 42) {
                throw new AssertionError();
            }
        }
    }
}
