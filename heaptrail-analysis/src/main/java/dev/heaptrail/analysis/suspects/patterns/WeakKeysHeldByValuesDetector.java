package dev.heaptrail.analysis.suspects.patterns;

import dev.heaptrail.analysis.suspects.LeakPattern;
import dev.heaptrail.analysis.suspects.LeakPatternDetector;
import dev.heaptrail.analysis.suspects.SuspectFacts;
import dev.heaptrail.heap.graph.HeapInstance;
import dev.heaptrail.heap.graph.HeapObject;
import dev.heaptrail.heap.graph.HeapObjectArray;
import dev.heaptrail.heap.graph.HeapReference;
import dev.heaptrail.heap.graph.HeapValue;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A WeakHashMap whose values reach their own keys. The map holds each value strongly, so a value
 * that references its key, directly or through a few objects, keeps the key reachable and its entry
 * is never cleared: the weak keys buy nothing and the map only grows (WeakHashMap's own javadoc
 * warns of it). Samples the first entries of the table and follows each value's references a few
 * steps; most of them must lead back to their key.
 */
public final class WeakKeysHeldByValuesDetector implements LeakPatternDetector {

    private static final String WEAK_HASH_MAP = "java.util.WeakHashMap";
    private static final String ENTRY = "java.util.WeakHashMap$Entry";
    /** Entries looked at, buckets read at most to find them, and how far and wide each value is followed. */
    private static final int SAMPLE = 64;
    private static final int BUCKETS = 1 << 16;
    private static final int STEPS = 3;
    private static final int VISITS = 200;

    @Override
    public LeakPattern pattern() {
        return LeakPattern.WEAK_KEYS_HELD_BY_VALUES;
    }

    @Override
    public boolean matches(SuspectFacts suspect) {
        Optional<HeapInstance> map = suspect.point().asInstance().filter(m -> m.instanceOf(WEAK_HASH_MAP));
        Optional<HeapObjectArray> table = map.flatMap(m -> m.fieldObject("table")).flatMap(HeapObject::asObjectArray);
        if (table.isEmpty()) {
            return false;
        }
        int sampled = 0;
        int heldByValue = 0;
        for (int b = 0, n = Math.min(table.get().length(), BUCKETS); b < n && sampled < SAMPLE; b++) {
            Optional<HeapInstance> entry = table.get().element(b).flatMap(HeapObject::asInstance);
            while (entry.isPresent() && sampled < SAMPLE) {
                HeapInstance e = entry.get();
                Optional<HeapObject> key = e.field("java.lang.ref.Reference", "referent").flatMap(HeapValue::asObject);
                Optional<HeapObject> value = e.field(ENTRY, "value").flatMap(HeapValue::asObject);
                if (key.isPresent() && value.isPresent()) {
                    sampled++;
                    if (reaches(value.get(), key.get().number())) {
                        heldByValue++;
                    }
                }
                entry = e.field(ENTRY, "next").flatMap(HeapValue::asInstance);
            }
        }
        return sampled > 0 && 2 * heldByValue > sampled;
    }

    /** Whether {@code target} is {@code from} or within {@link #STEPS} strong references of it. */
    private static boolean reaches(HeapObject from, long target) {
        ArrayDeque<HeapObject> level = new ArrayDeque<>();
        Set<Long> seen = new HashSet<>();
        level.add(from);
        seen.add(from.number());
        for (int step = 0; step <= STEPS && !level.isEmpty(); step++) {
            ArrayDeque<HeapObject> next = new ArrayDeque<>();
            for (HeapObject o : level) {
                if (o.number() == target) {
                    return true;
                }
                if (step == STEPS) {
                    continue;
                }
                for (HeapReference r : o.referents()) {
                    if (seen.size() >= VISITS) {
                        return false;
                    }
                    if (seen.add(r.to().number())) {
                        next.add(r.to());
                    }
                }
            }
            level = next;
        }
        return false;
    }
}
