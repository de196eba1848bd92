package dev.heaptrail.junit;

import dev.heaptrail.heap.JavaClassNames;
import dev.heaptrail.live.LiveHistogram;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The classes whose live objects grew between two class histograms of this JVM (each taken after
 * a full collection), per run of the code under test.
 *
 * @param className              as Java source spells it ({@code byte[]})
 * @param instancesPerIteration  more live objects of it per run
 * @param bytesPerIteration      more shallow bytes per run
 */
public record ClassGrowth(String className, double instancesPerIteration, double bytesPerIteration) {

    /**
     * Classes that grew from {@code before} to {@code after} (histogram texts of this JVM,
     * {@link LiveHistogram#textOfThisJvm()}) over {@code iterations} runs, most bytes first. The
     * text of {@code before}, alive while {@code after} was taken, is not counted as growth.
     */
    public static List<ClassGrowth> between(String before, String after, int iterations) throws IOException {
        Map<String, long[]> earlier = byName(LiveHistogram.rows(before));
        long[] string = earlier.computeIfAbsent("java.lang.String", k -> new long[2]);
        string[0] += 1;
        string[1] += STRING_BYTES;
        long[] bytes = earlier.computeIfAbsent("[B", k -> new long[2]);
        bytes[0] += 1;
        bytes[1] += arrayBytes(before);
        List<ClassGrowth> out = new ArrayList<>();
        for (Map.Entry<String, long[]> later : byName(LiveHistogram.rows(after)).entrySet()) {
            long[] e = earlier.getOrDefault(later.getKey(), new long[2]);
            long instances = later.getValue()[0] - e[0];
            long grown = later.getValue()[1] - e[1];
            if (instances > 0 && grown > 0) {
                out.add(new ClassGrowth(JavaClassNames.fromJvm(later.getKey()), (double) instances / iterations, (double) grown / iterations));
            }
        }
        out.sort(Comparator.comparingDouble(ClassGrowth::bytesPerIteration).reversed().thenComparing(ClassGrowth::className));
        return out;
    }

    /** A java.lang.String's own bytes with compressed oops (header, value, hash, coder, hashIsZero). */
    private static final long STRING_BYTES = 24;

    /** The byte[] behind a Latin-1 String of this text: a 16-byte header, one byte a character, 8-byte aligned. */
    private static long arrayBytes(String text) {
        return (16 + text.length() + 7) & ~7L;
    }

    /** Instances and bytes by class name: classes of one name from several loaders add up. */
    private static Map<String, long[]> byName(List<LiveHistogram.Row> rows) {
        Map<String, long[]> sums = new HashMap<>();
        for (LiveHistogram.Row r : rows) {
            long[] sum = sums.computeIfAbsent(r.jvmName(), k -> new long[2]);
            sum[0] += r.instances();
            sum[1] += r.bytes();
        }
        return sums;
    }
}
