package dev.heaptrail.heap.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NodeArrayTest {

    @Test
    void chunksKeepEveryEntryApart() {
        for (NodeArray a : new NodeArray[] {new IntNodeArray(1000, 4), new LongNodeArray(1000, 4)}) {
            for (long i = 0; i < a.size(); i++) {
                a.set(i, i * 7 + 1);
            }
            for (long i = 0; i < a.size(); i++) {
                assertThat(a.get(i)).isEqualTo(i * 7 + 1);
            }
            assertThat(a.size()).isEqualTo(1000);
        }
    }

    @Test
    void heapFirstSpillsPastItsBudgetAndTakesBackWhatIsReleased() {
        java.util.List<NodeArray> spilled = new java.util.ArrayList<>();
        NodeArray.Factory overflow = (size, max) -> {
            NodeArray a = new LongNodeArray(size);
            spilled.add(a);
            return a;
        };
        NodeArray.Factory f = NodeArray.Factory.heapFirst(1000, overflow); // 250 ints, or 125 longs
        NodeArray first = f.create(200, 100); // 800 bytes
        NodeArray second = f.create(100, 100); // 400 more: over budget
        assertThat(first).isInstanceOf(IntNodeArray.class);
        assertThat(spilled).containsExactly(second);
        f.release(second); // not the budget's: changes nothing
        assertThat(f.create(100, 100)).isNotInstanceOf(IntNodeArray.class);
        f.release(first);
        NodeArray third = f.create(25, Long.MAX_VALUE); // 200 bytes of longs
        NodeArray fourth = f.create(200, 100); // 800: 1000 in all
        assertThat(third).isInstanceOf(LongNodeArray.class).isNotIn(spilled);
        assertThat(fourth).isInstanceOf(IntNodeArray.class);
        assertThat(f.create(1, 1)).isIn(spilled);
    }

    @Test
    void mappedArraysKeepValuesInTheirFiles() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory(
                java.nio.file.Files.createDirectories(java.nio.file.Path.of("target")), "mapped-test");
        NodeArray.Factory mapped = MappedNodeArray.in(dir);
        NodeArray ints = mapped.create(100_000, 1_000_000);
        NodeArray longs = mapped.create(1000, 5_000_000_000L);
        for (long i = 0; i < ints.size(); i++) {
            ints.set(i, i * 3);
        }
        longs.set(999, 4_999_999_999L);
        for (long i = 0; i < ints.size(); i++) {
            assertThat(ints.get(i)).isEqualTo(i * 3);
        }
        assertThat(longs.get(999)).isEqualTo(4_999_999_999L);
        assertThat(longs.get(0)).isZero();
        java.util.List<Long> sizes = new java.util.ArrayList<>();
        try (var files = java.nio.file.Files.walk(dir)) {
            for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) files::iterator) {
                if (java.nio.file.Files.isRegularFile(f)) {
                    sizes.add(java.nio.file.Files.size(f)); // in this run's own folder under dir
                }
            }
        }
        assertThat(sizes).containsExactlyInAnyOrder(400_000L, 8_000L);
    }

    @Test
    void valuesBeyondTwoToTheThirtyOneNeedLongs() {
        assertThat(NodeArray.create(10, Integer.MAX_VALUE)).isInstanceOf(IntNodeArray.class);
        NodeArray big = NodeArray.create(10, 5_000_000_000L);
        assertThat(big).isInstanceOf(LongNodeArray.class);
        big.set(9, 4_999_999_999L);
        assertThat(big.get(9)).isEqualTo(4_999_999_999L);
    }
}
