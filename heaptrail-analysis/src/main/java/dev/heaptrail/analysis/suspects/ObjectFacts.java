package dev.heaptrail.analysis.suspects;

import dev.heaptrail.analysis.paths.PathStep;
import dev.heaptrail.heap.index.HeapIndex;
import dev.heaptrail.heap.index.InstanceFields;
import dev.heaptrail.heap.index.ObjectKind;
import dev.heaptrail.hprof.BasicType;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/** Facts about single objects read back from the dump: a collection's size, a thread's name. */
final class ObjectFacts {

    private static final Set<String> SIZE_FIELDS = Set.of("size", "elementCount", "count");

    private final HeapIndex index;
    private final InstanceFields fields;

    ObjectFacts(HeapIndex index) {
        this.index = index;
        this.fields = new InstanceFields(index);
    }

    /** Elements of a collection (its size field) or array (its length), or -1 when it is neither. */
    long elements(long object) throws IOException {
        byte[] content = read(object);
        if (index.kind(object) == ObjectKind.OBJECT_ARRAY) {
            return content.length / index.contents().idSize();
        }
        if (index.kind(object) != ObjectKind.INSTANCE) {
            return -1;
        }
        Long v = fields.primitive(object, content, BasicType.INT, SIZE_FIELDS);
        if (v == null) {
            long backing = referenceField(object, "map"); // HashSet keeps its size in its map
            if (backing < 0) {
                backing = referenceField(object, "m"); // TreeSet, and the Collections wrappers
            }
            if (backing >= 0 && backing != object && index.kind(backing) == ObjectKind.INSTANCE) {
                v = fields.primitive(backing, read(backing), BasicType.INT, SIZE_FIELDS);
            }
        }
        return v == null ? -1 : v;
    }

    /** The name of the thread that holds the path's root (see {@link PathStep#thread}), or null. */
    String threadHolding(List<PathStep> path) {
        return path.isEmpty() ? null : path.get(0).thread();
    }

    /**
     * For a path through a ThreadLocalMap entry: the static field that holds the entry's ThreadLocal
     * ("Handler.BUFFERS"), or the ThreadLocal's class when no static field holds it; else null.
     */
    String threadLocalOf(List<PathStep> path) {
        for (PathStep step : path) {
            if (step.threadLocal() != null) {
                return step.threadLocal();
            }
        }
        return null;
    }

    /** The non-null reference fields of an instance with what each keeps alive, largest first. */
    List<LeakSuspect.Capture> captures(long instance, java.util.function.LongUnaryOperator retained) throws IOException {
        List<LeakSuspect.Capture> captures = new java.util.ArrayList<>();
        if (index.kind(instance) != ObjectKind.INSTANCE) {
            return captures;
        }
        fields.forEach(instance, read(instance), (f, b, at) -> {
            long target = f.type() == BasicType.OBJECT ? index.objectNumber(fields.id(b, at)) : -1;
            if (target >= 0) {
                captures.add(new LeakSuspect.Capture(f.name(), index.typeName(target), retained.applyAsLong(target)));
            }
            return true;
        });
        captures.sort(java.util.Comparator.comparingLong(LeakSuspect.Capture::retainedBytes).reversed());
        return List.copyOf(captures);
    }

    private long referenceField(long object, String field) throws IOException {
        return fields.reference(object, read(object), field);
    }

    private byte[] read(long object) throws IOException {
        return index.contents().read(List.of(object), index).get(object);
    }
}
