package dev.heaptrail.analysis.dominators;

import dev.heaptrail.heap.store.NodeArray;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** A stack that starts small: every entry survives its chunk's doublings, and a shallow stack costs a small array. */
class DeepStackTest {

    /** Hands out arrays and knows which are still held. */
    static final class Counting implements NodeArray.Factory {
        final Set<NodeArray> live = new HashSet<>();
        long largest;

        @Override
        public NodeArray create(long size, long maxValue) {
            NodeArray a = NodeArray.Factory.DEFAULT.create(size, maxValue);
            live.add(a);
            largest = Math.max(largest, size);
            return a;
        }

        @Override
        public void release(NodeArray array) {
            assertThat(live.remove(array)).as("released once").isTrue();
        }
    }

    @Test
    void aShallowStackTakesAThousandEntries() {
        Counting arrays = new Counting();
        DeepStack stack = new DeepStack(arrays, 1L << 40);
        for (int d = 0; d < 900; d++) {
            stack.set(d, (long) d << 20);
        }
        assertThat(arrays.largest).isEqualTo(1 << 10);
        assertThat(stack.get(899)).isEqualTo(899L << 20);
    }

    @Test
    void pushesAndPopsToAQuarterMillionKeepEveryEntry() {
        Counting arrays = new Counting();
        DeepStack stack = new DeepStack(arrays, Integer.MAX_VALUE);
        int max = 250_000;
        long[] model = new long[max];
        SplittableRandom random = new SplittableRandom(5);
        int depth = 0;
        int deepest = 0;
        for (int step = 0; step < 2_000_000; step++) {
            if (depth < max && (depth == 0 || random.nextInt(10) < 7)) {
                model[depth] = random.nextInt(0, Integer.MAX_VALUE);
                stack.set(depth, model[depth]);
                depth++;
                deepest = Math.max(deepest, depth);
            } else {
                depth--;
                assertThat(stack.get(depth)).as("depth %d", depth).isEqualTo(model[depth]);
                if (random.nextInt(4) == 0 && depth > 0) {
                    int d = random.nextInt(depth); // a cursor moved deeper down
                    model[d] = random.nextInt(0, Integer.MAX_VALUE);
                    stack.set(d, model[d]);
                }
            }
        }
        for (int d = 0; d < depth; d++) {
            assertThat(stack.get(d)).isEqualTo(model[d]);
        }
        assertThat(deepest).isEqualTo(max);
        assertThat(arrays.live).as("one chunk of 65,536 a depth reached; the doubled ones released").hasSize((max - 1) / 65_536 + 1)
                .allMatch(a -> a.size() == 1 << 16);
    }

    @Test
    void aFirstEntryFarDownFillsTheFirstChunkOut() {
        Counting arrays = new Counting();
        DeepStack stack = new DeepStack(arrays, Integer.MAX_VALUE);
        stack.set(3, 33);
        stack.set(70_000, 7);
        assertThat(stack.get(3)).isEqualTo(33);
        assertThat(stack.get(70_000)).isEqualTo(7);
        assertThat(arrays.live).hasSize(2).allMatch(a -> a.size() == 1 << 16);
    }
}
