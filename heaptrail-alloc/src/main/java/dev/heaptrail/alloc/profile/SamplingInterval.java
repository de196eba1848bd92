package dev.heaptrail.alloc.profile;

import com.sun.management.ThreadMXBean;

import javax.management.MBeanServerConnection;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * async-profiler's sampling interval for a target: its own 512 KiB up to 500 MB/s of allocation,
 * and proportionally more above, so that a target allocating several GB/s is sampled about 1,000
 * times a second, not 6,000. A sample costs the target a stack walk and, with {@code live}, a weak
 * reference to follow: their number, not the bytes, makes the cost. The estimates weigh each
 * sample by the interval, so a longer one keeps them unbiased, with fewer samples behind them.
 */
final class SamplingInterval {

    /** async-profiler's default. */
    static final long DEFAULT_BYTES = 512 * 1024;
    /** Up to this rate the default holds. */
    static final double RATE_FOR_DEFAULT = 500e6;

    private SamplingInterval() {}

    /** The interval for a target allocating {@code bytesPerSecond}: the default, or longer in proportion, in whole KiB. */
    static long forRate(double bytesPerSecond) {
        if (!(bytesPerSecond > RATE_FOR_DEFAULT)) {
            return DEFAULT_BYTES;
        }
        long bytes = (long) Math.ceil(DEFAULT_BYTES * bytesPerSecond / RATE_FOR_DEFAULT);
        return (bytes + 1023) / 1024 * 1024;
    }

    /**
     * The target's allocation rate over {@code window}, from the bytes its live threads have
     * allocated (HotSpot counts them per thread); -1 when the JVM does not count them. Threads
     * that end within the window take their bytes with them: the rate is a lower bound.
     */
    static double measure(MBeanServerConnection server, Duration window) throws IOException, InterruptedException {
        ThreadMXBean threads = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.THREAD_MXBEAN_NAME,
                ThreadMXBean.class);
        if (!threads.isThreadAllocatedMemorySupported() || !threads.isThreadAllocatedMemoryEnabled()) {
            return -1;
        }
        long[] ids = threads.getAllThreadIds();
        long[] before = threads.getThreadAllocatedBytes(ids);
        long start = System.nanoTime();
        Thread.sleep(window.toMillis());
        long[] after = threads.getThreadAllocatedBytes(ids);
        double seconds = (System.nanoTime() - start) / 1e9;
        long bytes = 0;
        for (int i = 0; i < ids.length; i++) {
            if (before[i] >= 0 && after[i] >= before[i]) { // -1 for a thread that ended
                bytes += after[i] - before[i];
            }
        }
        return bytes / seconds;
    }
}
