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

    /**
     * An array of one chunk reads and writes it directly, by an int index: an index past the size,
     * negative, or one whose low 32 bits fall inside (2^32 + 5) must still throw, not wrap.
     */
    @Test
    void aSingleChunkArrayRefusesEveryIndexOutsideIt() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory(
                java.nio.file.Files.createDirectories(java.nio.file.Path.of("target")), "flat-test");
        NodeArray.Factory mapped = MappedNodeArray.in(dir);
        NodeArray[] arrays = {new IntNodeArray(1000), new LongNodeArray(1000), mapped.create(1000, 1000),
            mapped.create(1000, Long.MAX_VALUE), new IntNodeArray(1000, 4)};
        for (NodeArray a : arrays) {
            for (long i = 0; i < a.size(); i++) {
                a.set(i, i * 5 + 3);
            }
            for (long i = 0; i < a.size(); i++) {
                assertThat(a.get(i)).as("%s[%d]", a.getClass().getSimpleName(), i).isEqualTo(i * 5 + 3);
            }
            for (long bad : new long[] {1000, -1, (1L << 32) + 5, (1L << 31) + 5, Long.MIN_VALUE + 5}) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> a.get(bad))
                        .as("%s.get(%d)", a.getClass().getSimpleName(), bad).isInstanceOf(IndexOutOfBoundsException.class);
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> a.set(bad, 1))
                        .as("%s.set(%d)", a.getClass().getSimpleName(), bad).isInstanceOf(IndexOutOfBoundsException.class);
            }
            assertThat(a.get(5)).isEqualTo(28); // no write above landed on entry 5
        }
    }

    @Test
    void valuesBeyondTwoToTheThirtyOneNeedLongs() {
        assertThat(NodeArray.create(10, Integer.MAX_VALUE)).isInstanceOf(IntNodeArray.class);
        NodeArray big = NodeArray.create(10, 5_000_000_000L);
        assertThat(big).isInstanceOf(LongNodeArray.class);
        big.set(9, 4_999_999_999L);
        assertThat(big.get(9)).isEqualTo(4_999_999_999L);
    }

    @Test
    void aPrefixCopiedIntoALargerArrayIsTheSameEntryForEntryWhateverTheKinds() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("node-array-prefix");
        try {
            NodeArray[] sources = {new IntNodeArray(1000, 4), new LongNodeArray(1000, 4), new IntNodeArray(1000)};
            for (NodeArray from : sources) {
                for (long i = 0; i < from.size(); i++) {
                    from.set(i, i * 3 + 5);
                }
                NodeArray[] targets = {new IntNodeArray(2000, 4), new LongNodeArray(2000, 4), new IntNodeArray(2000, 6),
                    new IntNodeArray(2000), new MappedNodeArray(dir.resolve("t" + System.nanoTime()), 2000, 4)};
                for (NodeArray to : targets) {
                    to.set(997, 42); // beyond the copied prefix: left as it is
                    from.copyPrefixTo(to, 997);
                    for (long i = 0; i < 997; i++) {
                        assertThat(to.get(i)).as("%s -> %s at %d", from.getClass().getSimpleName(),
                                to.getClass().getSimpleName(), i).isEqualTo(i * 3 + 5);
                    }
                    assertThat(to.get(997)).isEqualTo(42);
                    assertThat(to.get(998)).isZero();
                }
            }
        } finally {
            try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            java.nio.file.Files.delete(dir);
        }
    }

    @Test
    void bulkCopiesMatchEntryByEntryCopiesAcrossChunkBorders() {
        java.util.Random random = new java.util.Random(3);
        NodeArray[] arrays = {new IntNodeArray(1000, 4), new LongNodeArray(1000, 5)};
        for (NodeArray a : arrays) {
            for (int i = 0; i < 1000; i++) {
                a.set(i, random.nextInt(Integer.MAX_VALUE));
            }
            for (int width : new int[] {4, 8}) {
                for (int round = 0; round < 50; round++) {
                    int from = random.nextInt(1000);
                    int count = random.nextInt(1000 - from + 1);
                    java.nio.ByteBuffer bulk = java.nio.ByteBuffer.allocate(8 * 1000).order(java.nio.ByteOrder.nativeOrder());
                    java.nio.ByteBuffer single = java.nio.ByteBuffer.allocate(8 * 1000).order(java.nio.ByteOrder.nativeOrder());
                    bulk.putInt(42); // copies start at the buffer's position
                    single.putInt(42);
                    a.copyTo(from, count, bulk, width);
                    for (int i = 0; i < count; i++) {
                        if (width == 4) {
                            single.putInt((int) a.get(from + i));
                        } else {
                            single.putLong(a.get(from + i));
                        }
                    }
                    assertThat(bulk.position()).isEqualTo(4 + count * width);
                    assertThat(bulk.flip()).as("%s from %d, %d entries of %d bytes", a.getClass().getSimpleName(), from,
                            count, width).isEqualTo(single.flip());
                }
            }
        }
    }
}
