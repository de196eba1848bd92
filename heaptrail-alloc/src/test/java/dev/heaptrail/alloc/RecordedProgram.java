package dev.heaptrail.alloc;

import one.profiler.AsyncProfiler;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A child JVM that records itself while it runs a known workload, then exits: two sites that make
 * garbage and one ({@link #keep}) whose small objects stay reachable from the static {@link #KEPT}.
 * It prints the line of the kept allocation, so that tests name it without counting source lines,
 * and the bytes its thread allocated while recording, as the JVM counts them.
 *
 * <p>Args: {@code jfr|async-profiler|async-profiler-no-live OUT SECONDS leak|clean [asyncProfilerLibrary]}.
 */
public final class RecordedProgram {

    static final List<Object> KEPT = new ArrayList<>();
    static volatile Object sink;
    static int keepLine;

    /** Small and recognizable: about 40 bytes with its header. */
    record Order(long id, long time, int quantity) {}

    public static void main(String[] args) throws Exception {
        String source = args[0];
        Path out = Path.of(args[1]);
        long seconds = Long.parseLong(args[2]);
        boolean leak = args[3].equals("leak");
        AsyncProfiler profiler = null;
        jdk.jfr.Recording recording = null;
        if (source.startsWith("async-profiler")) {
            profiler = AsyncProfiler.getInstance(args[4]);
            String live = source.endsWith("no-live") ? "" : "live,";
            profiler.execute("start,event=alloc,alloc=64k," + live + "file=" + out + ",jfr");
        } else {
            // Garbage before the recording: the JDK weighs each thread's first sample by all it
            // allocated since its previous one, so that sample reaches back over these 2 GB.
            for (int k = 0; k < 2048; k++) {
                sink = new byte[1 << 20];
            }
            recording = new jdk.jfr.Recording();
            recording.setSettings(Map.of(
                    "jdk.OldObjectSample#enabled", "true", "jdk.OldObjectSample#stackTrace", "true",
                    "jdk.OldObjectSample#cutoff", "infinity",
                    "jdk.ObjectAllocationSample#enabled", "true", "jdk.ObjectAllocationSample#stackTrace", "true",
                    "jdk.ObjectAllocationSample#throttle", "1000/s",
                    "jdk.ActiveSetting#enabled", "true")); // as in the JDK's default.jfc and profile.jfc
            recording.setToDisk(true);
            recording.setDestination(out);
            recording.start();
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        Random random = new Random(42);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long i = 0;
        while (System.nanoTime() < end) {
            churnBytes(random);
            churnStrings(random);
            if (++i % 8 == 0 && leak) {
                keep(i);
            }
            if (i % 2048 == 0) {
                Thread.sleep(1); // a busy service, not a benchmark: leave the other core to the test
            }
        }
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - allocatedBefore;
        // Nothing of the churn may outlive the collection below: tests say its sites kept nothing. The
        // last String was still in sink, and the first object made after a collection starts a new
        // TLAB, which async-profiler always samples, so the stop command is made before it. (CI once
        // saw a live String under churnBytes.)
        sink = null;
        String stop = "stop,file=" + out + ",jfr";
        System.gc();
        if (profiler != null) {
            profiler.execute(stop);
        } else {
            recording.stop();
            recording.close();
        }
        System.out.println("keep-line " + keepLine + " kept " + KEPT.size() + " bytes " + Files.size(out) + " allocated " + allocated);
    }

    static void churnBytes(Random random) {
        sink = new byte[512 + random.nextInt(2048)];
    }

    static void churnStrings(Random random) {
        sink = Long.toHexString(random.nextLong()) + random.nextInt();
    }

    static void keep(long id) {
        KEPT.add(new Order(id, id * 3, 1)); if (keepLine == 0) keepLine = new Throwable().getStackTrace()[0].getLineNumber();
    }
}
