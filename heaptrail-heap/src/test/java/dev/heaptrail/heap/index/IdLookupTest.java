package dev.heaptrail.heap.index;

import dev.heaptrail.heap.store.NodeArray;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The id lookup over objects in a dump's order, against a hash map of every id. */
class IdLookupTest {

    private static int seed;

    @RepeatedTest(200)
    void findsEveryIdAndNoOther() {
        Random random = new Random(++seed);
        List<Long> order = dumpOrder(random, random.nextInt(5000), 1 + random.nextInt(6));
        NodeArray ids = NodeArray.create(order.size(), Long.MAX_VALUE);
        Map<Long, Long> expected = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            ids.set(i, order.get(i));
            expected.put(order.get(i), (long) i);
        }
        IdLookup lookup = IdLookup.over(ids, order.size(), 16, 1 << 20);
        assertThat(lookup).isNotNull();
        for (Map.Entry<Long, Long> e : expected.entrySet()) {
            assertThat(lookup.number(e.getKey())).as("id %x", e.getKey()).isEqualTo(e.getValue());
        }
        for (int i = 0; i < 2000; i++) {
            long absent = 8L * random.nextInt(1 << 20) + 3; // ids here are multiples of 8
            assertThat(lookup.number(absent)).isEqualTo(-1);
        }
        assertThat(lookup.number(0)).isEqualTo(-1);
    }

    @RepeatedTest(50)
    void refusesAnIdTwice() {
        Random random = new Random(1000 + ++seed);
        List<Long> order = dumpOrder(random, 200 + random.nextInt(3000), 1 + random.nextInt(4));
        order.add(random.nextInt(order.size() + 1), order.get(random.nextInt(order.size())));
        NodeArray ids = NodeArray.create(order.size(), Long.MAX_VALUE);
        for (int i = 0; i < order.size(); i++) {
            ids.set(i, order.get(i));
        }
        assertThat(IdLookup.over(ids, order.size(), 16, 1 << 20)).isNull();
    }

    @Test
    void refusesIdsInNoOrder() {
        Random random = new Random(7);
        List<Long> order = new ArrayList<>();
        for (long i = 1; i <= 100_000; i++) {
            order.add(8 * i);
        }
        Collections.shuffle(order, random);
        NodeArray ids = NodeArray.create(order.size(), Long.MAX_VALUE);
        for (int i = 0; i < order.size(); i++) {
            ids.set(i, order.get(i));
        }
        assertThat(IdLookup.over(ids, order.size(), 16, 1000)).isNull();
        assertThat(IdLookup.over(ids, order.size(), Integer.MAX_VALUE, Integer.MAX_VALUE).number(order.get(5))).isEqualTo(5);
    }

    /**
     * Distinct ids as a dump lists them: a few class objects in no order, then {@code regions}
     * ascending runs (interleaved in address, as regions written by several threads are), with
     * a few short runs between them.
     */
    private static List<Long> dumpOrder(Random random, int objects, int regions) {
        List<Long> all = new ArrayList<>();
        for (long i = 1; all.size() < objects; i++) {
            if (random.nextInt(3) > 0) {
                all.add(8 * i);
            }
        }
        Collections.shuffle(all, random);
        int classes = Math.min(all.size(), random.nextInt(100));
        List<Long> order = new ArrayList<>(all.subList(0, classes));
        List<List<Long>> runs = new ArrayList<>();
        for (int r = 0; r < regions; r++) {
            runs.add(new ArrayList<>());
        }
        for (long id : all.subList(classes, all.size())) {
            runs.get(random.nextInt(regions)).add(id);
        }
        for (List<Long> run : runs) {
            Collections.sort(run);
            order.addAll(run);
            for (int s = random.nextInt(3); s > 0 && !order.isEmpty(); s--) { // a short run: a few objects out of place
                int at = random.nextInt(order.size());
                order.add(order.remove(at));
            }
        }
        return order;
    }
}
