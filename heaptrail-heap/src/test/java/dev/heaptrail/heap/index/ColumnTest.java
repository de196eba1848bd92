package dev.heaptrail.heap.index;

import dev.heaptrail.heap.store.CountingArrays;
import dev.heaptrail.heap.store.MappedNodeArray;
import dev.heaptrail.heap.store.NodeArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Columns appended while the count is unknown: a small one costs a small array, a large one keeps
 * every value across the first chunk's doublings and the full chunks after, and every array the
 * doublings drop goes back to the factory.
 */
class ColumnTest {

    @Test
    void aSmallColumnAsksForASmallArray() {
        CountingArrays arrays = new CountingArrays(NodeArray.Factory.DEFAULT);
        Column column = new Column(arrays, Long.MAX_VALUE);
        for (int i = 0; i < 5_000; i++) {
            column.add(3L * i - 7);
        }
        assertThat(column.chunkCount()).isEqualTo(1);
        assertThat(arrays.largest()).as("no 4M-entry chunk for 5,000 values").isEqualTo(2 * Column.FIRST);
        assertThat(arrays.live).containsExactly(column.chunk(0));
        for (int i = 0; i < 5_000; i++) {
            assertThat(column.get(i)).isEqualTo(3L * i - 7);
        }
    }

    @Test
    void aLargeColumnKeepsEveryValueAcrossDoublingsAndFullChunks(@TempDir Path dir) {
        // a heap budget that runs out mid-way: the first chunk's doublings and the later chunks mix heap and mapped arrays
        CountingArrays arrays = new CountingArrays(NodeArray.Factory.heapFirst(24L << 20, MappedNodeArray.in(dir)));
        Column column = new Column(arrays, Integer.MAX_VALUE);
        long n = 2L * Column.CHUNK + 12_345;
        SplittableRandom random = new SplittableRandom(11);
        int[] values = new int[(int) n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextInt(0, Integer.MAX_VALUE);
            column.add(values[i]);
        }
        assertThat(column.size()).isEqualTo(n);
        assertThat(column.chunkCount()).isEqualTo(3);
        assertThat(column.chunk(0).size()).isEqualTo(Column.CHUNK);
        assertThat(column.chunk(1).size()).isEqualTo(Column.CHUNK);
        assertThat(arrays.live).as("the arrays the doublings left behind were released")
                .containsExactlyInAnyOrder(column.chunk(0), column.chunk(1), column.chunk(2));
        for (int i = 0; i < n; i++) {
            if (column.get(i) != values[i]) {
                assertThat(column.get(i)).as("entry %d", i).isEqualTo(values[i]);
            }
        }
    }

    @Test
    void edgePairsStayPairedAndKindsKeepTheirBytes() {
        EdgeList edges = new EdgeList(NodeArray.Factory.DEFAULT, 1L << 40);
        KindColumn kinds = new KindColumn();
        int n = Column.FIRST * 5 + 3;
        for (int i = 0; i < n; i++) {
            edges.add(i, (long) i << 8);
            kinds.add((byte) (i % 7));
        }
        assertThat(edges.size()).isEqualTo(n);
        assertThat(edges.chunkCount()).isEqualTo(1);
        assertThat(edges.chunkSize(0)).isEqualTo(n);
        for (int i = 0; i < n; i++) {
            assertThat(edges.chunk(true, 0).get(i)).isEqualTo(i);
            assertThat(edges.chunk(false, 0).get(i)).isEqualTo((long) i << 8);
            assertThat(kinds.get(i)).isEqualTo((byte) (i % 7));
        }
        assertThat(kinds.size()).isEqualTo(n);
    }
}
