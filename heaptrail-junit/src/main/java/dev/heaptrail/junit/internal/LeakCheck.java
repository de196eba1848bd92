package dev.heaptrail.junit.internal;

import dev.heaptrail.junit.ClassGrowth;
import dev.heaptrail.junit.LeakError;
import dev.heaptrail.junit.LeakOptions;
import dev.heaptrail.live.LiveHistogram;
import dev.heaptrail.live.trend.MannKendall;
import dev.heaptrail.live.trend.SignTest;
import dev.heaptrail.live.trend.TheilSen;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Runs code again and again and says whether the heap it leaves behind grows: the heap floor
 * after full collections, run after run, judged as {@code heaptrail watch} judges a process
 * (Theil–Sen slope, Mann–Kendall trend test), not by one before/after difference. A series that
 * grows is measured once more: only growth that shows again fails, not a one-time step (a class
 * the JVM generates on the 16th reflective call, a cache filled late).
 */
public final class LeakCheck {

    /** A trend this unlikely to arise from noise alone (two-sided Mann–Kendall) counts. */
    static final double SIGNIFICANCE = 0.01;

    private LeakCheck() {}

    /**
     * The floors and their verdict.
     *
     * @param floors  heap floor after the warm-up, then after each measured run
     * @param slope   Theil–Sen slope, bytes per run, with its 95 % interval
     * @param trend   Mann–Kendall test of the floors
     */
    public record Measurement(long[] floors, TheilSen slope, MannKendall trend, long maxBytesPerIteration) {

        /**
         * Growth above the tolerance, seen either way: the floors' median slope with a significant
         * trend (Mann–Kendall), or the runs' median growth with most runs growing (a sign test).
         * The first alone missed a steady leak of 48 B a run: two drops of a kilobyte early in the
         * series (something else in the JVM let go of memory) put every later floor below the ones
         * before them for 25 runs, which ranks like no trend at all; a drop is one run among many to
         * the second. A step is one run too, so a single step in a flat series is neither.
         */
        public boolean leaks() {
            boolean trended = slope.slope() > maxBytesPerIteration && trend.s() > 0 && trend.pValue() < SIGNIFICANCE;
            return trended || medianGrowth(floors) > maxBytesPerIteration && mostRunsGrow(floors);
        }

        /**
         * No leak to tell, but growth it cannot rule out: the runs' median growth, or the slope's upper
         * bound, above the tolerance. Memory that something else in the JVM lets go of during the
         * series (a background thread ending, references cleared) hides a small leak from both tests
         * in 20 runs; in twice as many it shows.
         */
        public boolean mayLeak() {
            return medianGrowth(floors) > maxBytesPerIteration || slope.high() > maxBytesPerIteration;
        }

        String summary(int warmup) {
            return String.format(Locale.ROOT, "%d runs after %d warm-up runs; Theil–Sen slope %.0f B/run (95 %% from %.0f to %.0f),"
                            + " Mann–Kendall p = %.2g; tolerated: %d B/run", floors.length - 1, warmup, slope.slope(), slope.low(),
                    slope.high(), trend.pValue(), maxBytesPerIteration);
        }
    }

    /** Runs {@code first} once and {@code again} for every later run; throws a {@link LeakError} when the heap floor grows. */
    public static void run(LeakOptions options, Executable first, Executable again, String label) throws Throwable {
        HeapFloor floor = HeapFloor.ofThisJvm();
        Executable body = first;
        for (int i = 0; i < options.warmup(); i++) {
            body.execute();
            body = again;
        }
        Measurement m = series(options, floor, body, again);
        if (m.leaks()) {
            // A one-time step in the middle of a series (a class generated on the 16th reflective
            // call, a cache's first resize) tilts the median slope too; a leak grows again.
            Measurement confirmed = series(options, floor, again, again);
            if (confirmed.leaks()) {
                throw explain(options, confirmed, again, label);
            }
        }
    }

    /** One series of runs, continued by as many again when it cannot rule a leak out ({@link Measurement#mayLeak}). */
    private static Measurement series(LeakOptions options, HeapFloor floor, Executable first, Executable again) throws Throwable {
        Measurement m = measure(options, floor, first, again);
        if (m.leaks() || !m.mayLeak()) {
            return m;
        }
        Measurement more = measure(options, floor, again, again);
        return judge(joined(m.floors(), more.floors()), options.maxBytesPerIteration());
    }

    /**
     * Two series of floors as one: the second's changes continue from the first's last floor (its
     * own first floor, taken a moment later, is left out).
     */
    static long[] joined(long[] first, long[] second) {
        long[] all = java.util.Arrays.copyOf(first, first.length + second.length - 1);
        for (int i = 1; i < second.length; i++) {
            all[first.length - 1 + i] = all[first.length - 2 + i] + second[i] - second[i - 1];
        }
        return all;
    }

    private static Measurement measure(LeakOptions options, HeapFloor floor, Executable first, Executable again) throws Throwable {
        long[] floors = new long[options.iterations() + 1];
        floors[0] = floor.measure();
        Executable body = first;
        for (int i = 1; i <= options.iterations(); i++) {
            body.execute();
            body = again;
            floors[i] = floor.measure();
        }
        Measurement m = judge(floors, options.maxBytesPerIteration());
        if (Boolean.getBoolean(VERBOSE)) {
            StringBuilder growth = new StringBuilder();
            for (int i = 1; i < floors.length; i++) {
                growth.append(i == 1 ? "" : " ").append(floors[i] - floors[i - 1]);
            }
            System.err.println("heaptrail-junit: heap floor " + floors[0] + " B, then per run: " + growth + " (" + m.summary(options.warmup())
                    + ")");
        }
        return m;
    }

    /** The median of what the floor gained from one run to the next. */
    static double medianGrowth(long[] floors) {
        long[] d = new long[floors.length - 1];
        for (int i = 1; i < floors.length; i++) {
            d[i - 1] = floors[i] - floors[i - 1];
        }
        java.util.Arrays.sort(d);
        int n = d.length;
        return n == 0 ? 0 : n % 2 == 1 ? d[n / 2] : (d[n / 2 - 1] + d[n / 2]) / 2.0;
    }

    /** Whether more runs raised the floor than lowered it, beyond chance (one-sided sign test). */
    static boolean mostRunsGrow(long[] floors) {
        double[] changes = new double[floors.length - 1];
        for (int i = 1; i < floors.length; i++) {
            changes[i - 1] = floors[i] - floors[i - 1];
        }
        return SignTest.of(changes).pValue() < SIGNIFICANCE / 2;
    }

    /** Prints each check's floors on stderr. */
    public static final String VERBOSE = "heaptrail.junit.verbose";

    /** The verdict on a series of floors. */
    public static Measurement judge(long[] floors, long maxBytesPerIteration) {
        double[] t = new double[floors.length];
        double[] y = new double[floors.length];
        for (int i = 0; i < floors.length; i++) {
            t[i] = i;
            y[i] = floors[i];
        }
        return new Measurement(floors.clone(), TheilSen.of(t, y, 0.95), MannKendall.of(y), maxBytesPerIteration);
    }

    /**
     * What grows and where: a class histogram and a dump, more runs, another histogram and dump; the
     * classes that grew between them, and the group of their objects that gained (see
     * {@link LeakTraces#ofGrowth}).
     */
    private static LeakError explain(LeakOptions options, Measurement m, Executable again, String label) throws Throwable {
        int extra = Math.max(10, options.iterations() / 2);
        Path before = null;
        Path after = null;
        List<ClassGrowth> grew = List.of();
        Optional<LeakTrace> trace = Optional.empty();
        String problem = null;
        try {
            // Between the two dumps only the code under test may run: what the check's own code
            // makes on first use (the histogram's constants, the dump's file permissions) is made now.
            ClassGrowth.between(LiveHistogram.textOfThisJvm(), LiveHistogram.textOfThisJvm(), 1);
            // The histograms are taken right after the first dump and right before the second, so
            // that the first dump's file name is in both and the second's in neither.
            SelfDump.prepare();
            before = SelfDump.write(label + "-before");
            String first = LiveHistogram.textOfThisJvm();
            for (int i = 0; i < extra; i++) {
                again.execute();
            }
            String second = LiveHistogram.textOfThisJvm();
            after = SelfDump.write(label + "-after");
            grew = ClassGrowth.between(first, second, extra);
            if (Boolean.getBoolean(VERBOSE)) {
                System.err.println("heaptrail-junit: grew " + grew.subList(0, Math.min(5, grew.size())));
            }
            Set<String> top = new LinkedHashSet<>();
            for (ClassGrowth g : grew.subList(0, Math.min(3, grew.size()))) {
                top.add(g.className());
            }
            trace = LeakTraces.ofGrowth(before, after, top);
        } catch (IOException | RuntimeException e) {
            problem = "no leak trace: " + e;
        } finally {
            SelfDump.discard(before);
            SelfDump.discard(after);
        }
        double objects = grew.stream().mapToDouble(ClassGrowth::instancesPerIteration).sum();
        StringBuilder message = new StringBuilder(String.format(Locale.ROOT,
                "leak: the heap keeps %.0f bytes and %.1f objects more per run (%s; seen in two series in a row)%n", m.slope().slope(), objects,
                m.summary(options.warmup())));
        if (!grew.isEmpty()) {
            message.append("grew per run:\n");
            for (ClassGrowth g : grew.subList(0, Math.min(8, grew.size()))) {
                message.append(String.format(Locale.ROOT, "  %-50s %+8.1f objects %+10.0f B%n", g.className(), g.instancesPerIteration(),
                        g.bytesPerIteration()));
            }
        }
        String holder = trace.map(LeakTrace::holder).orElse("");
        String text = trace.map(LeakTrace::text).orElse("");
        String signature = trace.map(LeakTrace::signature).orElse("");
        if (trace.isPresent()) {
            message.append("held by ").append(holder).append('\n').append("leak trace:\n").append(text.indent(2));
            message.append("signature: ").append(signature).append('\n');
        } else {
            message.append(problem != null ? problem : "no leak trace: no group of the grown classes' objects gained").append('\n');
        }
        message.append(SelfDump.keep() ? "dumps kept: " + before + ", " + after
                : "dumps deleted (keep them with -D" + SelfDump.KEEP + "=true)");
        return new LeakError(message.toString(), signature, m.slope().slope(), objects, grew, holder, text);
    }
}
