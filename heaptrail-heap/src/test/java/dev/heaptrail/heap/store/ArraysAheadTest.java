package dev.heaptrail.heap.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Arrays made on another thread before a growing column asks for them, and handed back when not used. */
class ArraysAheadTest {

    private static void assertFreshAndHolds(NodeArray a, long size, long value) {
        assertThat(a.size()).isEqualTo(size);
        for (long i = 0; i < size; i += 97) {
            assertThat(a.get(i)).isZero();
        }
        a.set(size - 1, value);
        assertThat(a.get(size - 1)).isEqualTo(value);
    }

    @Test
    void eachChunkAskedForStartsTheNextOfItsWidthAndTheUnusedGoBack() {
        CountingArrays factory = new CountingArrays(NodeArray.Factory.DEFAULT);
        List<NodeArray> got = new ArrayList<>();
        try (ArraysAhead ahead = new ArraysAhead(factory, 1000)) {
            for (int round = 0; round < 3; round++) {
                NodeArray ints = ahead.create(1000, Integer.MAX_VALUE);
                NodeArray longs = ahead.create(1000, Long.MAX_VALUE);
                assertFreshAndHolds(ints, 1000, Integer.MAX_VALUE);
                assertFreshAndHolds(longs, 1000, Long.MAX_VALUE); // a long array, as asked
                got.add(ints);
                got.add(longs);
            }
            NodeArray other = ahead.create(10, Integer.MAX_VALUE); // another size: made as asked, nothing ahead
            assertFreshAndHolds(other, 10, 7);
        }
        // 6 asked for, of which the first of each width was made on the spot; each asked one started another
        assertThat(factory.made).hasSize(6 + 2 + 1);
        assertThat(factory.threads.stream().filter(t -> t.equals("heaptrail-array-ahead")).count()).isEqualTo(6);
        // the two made ahead and never asked for went back; none that was handed out did
        assertThat(factory.released).hasSize(2).doesNotContainAnyElementsOf(got);
        assertThat(factory.made).containsAll(factory.released);
    }

    @Test
    void mappedChunksMadeAheadAreZeroAndWritable(@TempDir Path dir) {
        CountingArrays factory = new CountingArrays(MappedNodeArray.in(dir));
        try (ArraysAhead ahead = new ArraysAhead(factory, 5000)) {
            for (int i = 0; i < 3; i++) {
                assertFreshAndHolds(ahead.create(5000, Long.MAX_VALUE), 5000, Long.MAX_VALUE - i);
            }
        }
        assertThat(factory.made).hasSize(4).allMatch(a -> a instanceof MappedNodeArray);
        assertThat(factory.released).hasSize(1);
    }

    @Test
    void aChunkMadeAheadThatFailsFailsOnlyWhenItIsAskedFor() {
        // a factory with room for two arrays, then "disk full", as the mapped factory says it
        CountingArrays twoOnly = CountingArrays.failingAfter(2, "the index needs more than the 0 MiB free there");
        ArraysAhead ahead = new ArraysAhead(twoOnly, 1000);
        assertFreshAndHolds(ahead.create(1000, Integer.MAX_VALUE), 1000, 1); // made as asked; the next one ahead
        assertFreshAndHolds(ahead.create(1000, Integer.MAX_VALUE), 1000, 2); // the one made ahead; the third fails ahead
        ahead.close(); // the failed third was never asked for: the read does not fail for it

        ArraysAhead asked = new ArraysAhead(CountingArrays.failingAfter(1, "disk full"), 1000);
        asked.create(1000, Long.MAX_VALUE);
        assertThatThrownBy(() -> asked.create(1000, Long.MAX_VALUE)).isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageContaining("disk full");
        asked.close();
    }

    @Test
    void aNegativeSizeMakesNothingAhead() {
        CountingArrays factory = new CountingArrays(NodeArray.Factory.DEFAULT);
        try (ArraysAhead ahead = new ArraysAhead(factory, -1)) {
            assertFreshAndHolds(ahead.create(1000, Integer.MAX_VALUE), 1000, 1);
            assertFreshAndHolds(ahead.create(1000, Integer.MAX_VALUE), 1000, 2);
        }
        assertThat(factory.made).hasSize(2);
        assertThat(factory.threads).allMatch(t -> !t.startsWith("heaptrail-"));
        assertThat(factory.released).isEmpty();
    }
}
