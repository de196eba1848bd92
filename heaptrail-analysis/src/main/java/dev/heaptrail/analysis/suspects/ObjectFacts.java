package dev.heaptrail.analysis.suspects;

import dev.heaptrail.analysis.paths.PathStep;
import dev.heaptrail.heap.graph.HeapGraph;
import dev.heaptrail.heap.index.HeapIndex;
import dev.heaptrail.heap.index.InstanceFields;
import dev.heaptrail.heap.index.ObjectKind;
import dev.heaptrail.hprof.BasicType;

import java.io.IOException;
import java.util.List;

/** Facts about single objects read back from the dump: a collection's size, a thread's name. */
final class ObjectFacts {

    private final HeapGraph graph;
    private final HeapIndex index;
    private final InstanceFields fields;

    ObjectFacts(HeapGraph graph) {
        this.graph = graph;
        this.index = graph.index();
        this.fields = new InstanceFields(index);
    }

    /** Elements of a collection (see {@link ElementCounts}) or array, or -1 when it is neither. */
    long elements(long object) {
        return ElementCounts.of(graph.object(object));
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

    private byte[] read(long object) throws IOException {
        return index.contents().read(List.of(object), index).get(object);
    }
}
