package dev.heaptrail.testkit.synthetic;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The JDK's objects as JDK 17 builds them: strings, boxes, and collections with the internal
 * structure their own code would have made, so that code reading a heap meets what a JVM writes.
 */
final class JdkStructures {

    /** ThreadLocal's hash increment: hash codes spread over power-of-two tables. */
    private static final int HASH_INCREMENT = 0x61c88647;

    private final SyntheticHeap heap;
    /** The hashCode() of the strings and boxes made, by id: where they go in a HashMap. */
    private final Map<Long, Integer> hashCodes = new HashMap<>();
    private int nextThreadLocalHash;
    private InstanceDef hashSetValue;

    JdkStructures(SyntheticHeap heap) {
        this.heap = heap;
    }

    InstanceDef string(String text) {
        boolean latin1 = text.chars().allMatch(c -> c < 256);
        byte[] value = text.getBytes(latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_16LE);
        InstanceDef s = heap.instance("java.lang.String").set("value", heap.byteArray(value))
                .set("coder", (byte) (latin1 ? 0 : 1)).set("hash", text.hashCode()).set("hashIsZero", text.hashCode() == 0);
        hashCodes.put(s.id(), text.hashCode());
        return s;
    }

    InstanceDef box(Object value) {
        String className = switch (value.getClass().getSimpleName()) {
            case "Integer", "Long", "Short", "Byte", "Float", "Double", "Character", "Boolean" ->
                    "java.lang." + value.getClass().getSimpleName();
            default -> throw new IllegalArgumentException("not a boxed primitive: " + value.getClass().getName());
        };
        InstanceDef box = heap.instance(className).set("value", value);
        hashCodes.put(box.id(), value.hashCode());
        return box;
    }

    /** The key's hashCode(): known for strings and boxes, else an identity hash made from its id. */
    private int hashCodeOf(Ref key) {
        Integer known = hashCodes.get(key.id());
        return known != null ? known : (int) ((key.id() * 0x9E3779B97F4A7C15L) >>> 33);
    }

    InstanceDef hashMap(Map<? extends Ref, ? extends Ref> entries) {
        InstanceDef map = heap.instance("java.util.HashMap").set("loadFactor", 0.75f)
                .set("size", entries.size()).set("modCount", entries.size());
        if (entries.isEmpty()) {
            return map; // new HashMap<>(): no table until the first put
        }
        int n = 16;
        while (entries.size() > n * 3 / 4) {
            n *= 2;
        }
        ArrayDef table = heap.objectArray("java.util.HashMap$Node[]", new Ref[n]);
        InstanceDef[] last = new InstanceDef[n];
        for (Map.Entry<? extends Ref, ? extends Ref> e : entries.entrySet()) {
            int h = e.getKey() == null ? 0 : hashCodeOf(e.getKey());
            h ^= h >>> 16; // HashMap.hash spreads the high bits down
            InstanceDef node = heap.instance("java.util.HashMap$Node").set("hash", h).set("key", e.getKey())
                    .set("value", e.getValue());
            int bin = h & (n - 1);
            if (last[bin] == null) {
                table.set(bin, node);
            } else {
                last[bin].set("next", node); // a put appends at the end of its bin's chain
            }
            last[bin] = node;
        }
        return map.set("table", table).set("threshold", n * 3 / 4);
    }

    InstanceDef hashSet(Collection<? extends Ref> elements) {
        if (hashSetValue == null) {
            hashSetValue = heap.instance("java.lang.Object");
            heap.classNamed("java.util.HashSet").staticField("PRESENT", hashSetValue);
        }
        Map<Ref, Ref> entries = new java.util.LinkedHashMap<>();
        for (Ref e : elements) {
            entries.put(e, hashSetValue);
        }
        return heap.instance("java.util.HashSet").set("map", hashMap(entries));
    }

    InstanceDef arrayList(List<? extends Ref> elements) {
        int capacity = 0;
        while (capacity < elements.size()) {
            capacity = capacity == 0 ? 10 : capacity + (capacity >> 1);
        }
        Ref[] data = new Ref[capacity];
        for (int i = 0; i < elements.size(); i++) {
            data[i] = elements.get(i);
        }
        return heap.instance("java.util.ArrayList").set("elementData", heap.objectArray(data))
                .set("size", elements.size()).set("modCount", elements.size());
    }

    InstanceDef threadLocal() {
        InstanceDef t = heap.instance("java.lang.ThreadLocal").set("threadLocalHashCode", nextThreadLocalHash);
        nextThreadLocalHash += HASH_INCREMENT;
        return t;
    }

    /**
     * A ThreadLocal.ThreadLocalMap of these values by ThreadLocal: entries (weak references to
     * their ThreadLocal) at the slot the ThreadLocal's hash chooses, the next free one on a clash.
     */
    InstanceDef threadLocalMap(Map<? extends Ref, ? extends Ref> values) {
        int n = 16;
        while (values.size() >= n * 2 / 3) {
            n *= 2;
        }
        ArrayDef table = heap.objectArray("java.lang.ThreadLocal$ThreadLocalMap$Entry[]", new Ref[n]);
        boolean[] used = new boolean[n];
        for (Map.Entry<? extends Ref, ? extends Ref> e : values.entrySet()) {
            if (!(e.getKey() instanceof InstanceDef local) || !local.type().name().equals("java.lang.ThreadLocal")) {
                throw new IllegalArgumentException("a thread's values are keyed by ThreadLocals (see threadLocal()), not "
                        + e.getKey());
            }
            int slot = (int) local.bits("threadLocalHashCode") & (n - 1);
            while (used[slot]) {
                slot = (slot + 1) & (n - 1);
            }
            used[slot] = true;
            table.set(slot, heap.instance("java.lang.ThreadLocal$ThreadLocalMap$Entry").set("referent", local)
                    .set("value", e.getValue()));
        }
        return heap.instance("java.lang.ThreadLocal$ThreadLocalMap").set("table", table).set("size", values.size())
                .set("threshold", n * 2 / 3);
    }
}
