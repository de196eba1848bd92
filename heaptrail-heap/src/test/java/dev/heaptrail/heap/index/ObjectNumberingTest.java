package dev.heaptrail.heap.index;

import dev.heaptrail.heap.store.MappedNodeArray;
import dev.heaptrail.heap.store.NodeArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Numbering objects by id: the chunked sort-and-merge and the bucketed lookup against a plain sort and search. */
class ObjectNumberingTest {

    @ParameterizedTest
    @ValueSource(strings = {"sorted", "runs", "classesFirst", "random", "duplicates", "sparse", "unaligned", "negative"})
    void numbersAreRanksOfSortedUniqueIds(String shape) {
        SplittableRandom random = new SplittableRandom(shape.hashCode());
        for (int trial = 0; trial < 40; trial++) {
            int n = random.nextInt(0, 3000);
            long[] ids = ids(shape, n, random);
            int chunk = 1 + random.nextInt(0, 700);
            check(ids, chunk, NodeArray.Factory.DEFAULT, random);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"runs", "random", "duplicates"})
    void aFirstChunkThatDoublesNumbersAsAFullOne(String shape) {
        // chunks above Column.FIRST: the first starts small and is copied as it doubles, then full ones follow
        SplittableRandom random = new SplittableRandom(shape.hashCode() + 1);
        for (int trial = 0; trial < 6; trial++) {
            int chunk = Column.FIRST + 1 + random.nextInt(0, 4 * Column.FIRST);
            check(ids(shape, random.nextInt(Column.FIRST, 4 * chunk), random), chunk, NodeArray.Factory.DEFAULT, random);
        }
    }

    @Test
    void mappedChunksGiveTheSameNumbers(@TempDir Path dir) {
        SplittableRandom random = new SplittableRandom(7);
        check(ids("runs", 50_000, random), 4096, MappedNodeArray.in(dir), random);
        check(ids("runs", 50_000, random), 3 * Column.FIRST + 5, MappedNodeArray.in(dir.resolve("doubling")), random);
    }

    @Test
    void noObjectsAtAll() {
        ObjectNumbering numbering = new ObjectNumbering(NodeArray.Factory.DEFAULT, NodeArray.Factory.DEFAULT, 16);
        NodeArray sorted = numbering.sortedUnique();
        assertThat(sorted.size()).isZero();
        ObjectIds lookup = new ObjectIds(sorted, 0);
        assertThat(lookup.number(0x1000)).isEqualTo(-1);
        assertThat(lookup.number(0)).isEqualTo(-1);
    }

    private static void check(long[] ids, int chunk, NodeArray.Factory arrays, SplittableRandom random) {
        ObjectNumbering numbering = new ObjectNumbering(arrays, arrays, chunk);
        for (long id : ids) {
            numbering.add(id);
        }
        NodeArray sorted = numbering.sortedUnique();
        long[] expected = Arrays.stream(ids).sorted().distinct().toArray();
        long count = sorted.size();
        assertThat(count).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(sorted.get(i)).as("id ranked %d", i).isEqualTo(expected[i]);
        }
        ObjectIds lookup = new ObjectIds(sorted, count);
        for (int i = 0; i < expected.length; i++) {
            long want = expected[i] == 0 ? -1 : i; // id 0 is null, never an object
            assertThat(lookup.number(expected[i])).as("number of 0x%x", expected[i]).isEqualTo(want);
        }
        for (int probe = 0; probe < 2000; probe++) { // ids the dump does not hold, near and far from real ones
            long id = expected.length > 0 && random.nextBoolean()
                    ? expected[random.nextInt(expected.length)] + random.nextInt(-3, 4)
                    : random.nextLong();
            long want = id == 0 ? -1 : Math.max(-1, Arrays.binarySearch(expected, id));
            assertThat(lookup.number(id)).as("number of 0x%x", id).isEqualTo(want < 0 ? -1 : want);
        }
    }

    private static long[] ids(String shape, int n, SplittableRandom random) {
        long[] ids = new long[n];
        long at = 0x7_0000_0000L;
        for (int i = 0; i < n; i++) {
            switch (shape) {
                case "sorted", "classesFirst" -> at += 8 * random.nextInt(2, 40);
                case "runs" -> at = i % 997 == 0 ? 0x7_0000_0000L + 8L * random.nextInt(0, 1 << 20) : at + 8 * random.nextInt(2, 40);
                case "random" -> at = 0x7_0000_0000L + 8L * random.nextInt(0, 1 << 24);
                case "duplicates" -> at = 0x7_0000_0000L + 8L * random.nextInt(0, Math.max(1, n / 3));
                case "sparse" -> at = random.nextBoolean() ? 0x10_0000L + 16L * i : 0x7fff_0000_0000L + 24L * i;
                case "unaligned" -> at = 1 + random.nextInt(0, 5 * Math.max(1, n));
                case "negative" -> at = random.nextLong();
                default -> throw new IllegalArgumentException(shape);
            }
            ids[i] = at;
        }
        if (shape.equals("classesFirst") && n > 0) {
            // A HotSpot dump: its classes in no order, then every object by address; some ids
            // of the head also in the tail (a corrupt dump's duplicates), some below and above it.
            int head = 1 + random.nextInt(0, Math.max(1, n / 10));
            for (int i = 0; i < head; i++) {
                ids[i] = random.nextInt(4) == 0 ? ids[random.nextInt(head, Math.max(head + 1, n))]
                        : ids[n - 1] / 2 + 8L * random.nextInt(-(1 << 20), 1 << 20) * (random.nextBoolean() ? 1 : 3);
            }
        }
        if (shape.equals("runs") || shape.equals("sparse")) {
            // class objects first, as a dump writes them: a short run out of order
            for (int i = 0; i < Math.min(n, 50); i++) {
                ids[i] = 0x7_0000_0000L + 8L * new Random(i).nextInt(1 << 22);
            }
        }
        return ids;
    }
}
