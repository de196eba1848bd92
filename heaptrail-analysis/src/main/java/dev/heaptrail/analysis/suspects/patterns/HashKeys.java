package dev.heaptrail.analysis.suspects.patterns;

import dev.heaptrail.heap.index.HeapIndex;
import dev.heaptrail.heap.index.InstanceFields;
import dev.heaptrail.heap.index.ObjectKind;
import dev.heaptrail.hprof.BasicType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells a hash set or map whose keys were changed after insertion: such a map keeps growing with
 * keys that look equal (same class, same primitive field values) because {@code remove} hashes
 * to the wrong bucket. Samples the keys of the first buckets.
 */
final class HashKeys {

    private static final int SAMPLE = 2_000;
    /** Bytes of the table read at a time (a multiple of both id sizes). */
    private static final int WINDOW = 1 << 16;

    private final HeapIndex index;
    private final int idSize;
    private final InstanceFields fields;

    HashKeys(HeapIndex index) {
        this.index = index;
        this.idSize = index.contents().idSize();
        this.fields = new InstanceFields(index);
    }

    /** True when most sampled keys of this HashMap/HashSet (and Linked variants) look the same. */
    boolean mostKeysLookAlike(long collection) throws IOException {
        String type = index.typeName(collection);
        long map = collection;
        if (type.equals("java.util.HashSet") || type.equals("java.util.LinkedHashSet")) {
            map = reference(collection, "map");
        } else if (!type.equals("java.util.HashMap") && !type.equals("java.util.LinkedHashMap")) {
            return false;
        }
        long table = map < 0 ? -1 : reference(map, "table");
        if (table < 0 || index.kind(table) != ObjectKind.OBJECT_ARRAY) {
            return false;
        }
        // The first buckets a window at a time: a table of millions of bins is not read whole.
        List<Long> nodes = new ArrayList<>();
        for (long from = 0; nodes.size() < SAMPLE; from += WINDOW) {
            ByteBuffer bins = ByteBuffer.wrap(index.contents().readRange(table, from, WINDOW, index));
            for (int at = 0; at + idSize <= bins.capacity() && nodes.size() < SAMPLE; at += idSize) {
                long node = index.objectNumber(fields.id(bins, at));
                if (node >= 0) {
                    nodes.add(node);
                }
            }
            if (bins.capacity() < WINDOW) {
                break;
            }
        }
        List<Long> keys = new ArrayList<>();
        Map<Long, byte[]> nodeContents = index.contents().read(nodes, index);
        for (long node : nodes) {
            long key = fields.reference(node, nodeContents.get(node), "key");
            if (key >= 0 && index.kind(key) == ObjectKind.INSTANCE) {
                keys.add(key);
            }
        }
        if (keys.size() < 10) {
            return false;
        }
        Map<Long, byte[]> keyContents = index.contents().read(keys, index);
        Map<String, Integer> looks = new HashMap<>();
        int most = 0;
        for (long key : keys) {
            String look = index.classOf(key).name() + Arrays.toString(primitives(key, keyContents.get(key)));
            most = Math.max(most, looks.merge(look, 1, Integer::sum));
        }
        return most * 2 > keys.size();
    }

    private byte[] read(long object) throws IOException {
        return index.contents().read(List.of(object), index).get(object);
    }

    private long reference(long object, String field) throws IOException {
        return fields.reference(object, read(object), field);
    }

    /** The key's primitive field bytes, references left out: what "looks the same" compares. */
    private byte[] primitives(long object, byte[] content) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        fields.forEach(object, content, (f, b, at) -> {
            if (f.type() != BasicType.OBJECT) {
                out.write(content, at, f.type().size());
            }
            return true;
        });
        return out.toByteArray();
    }
}
