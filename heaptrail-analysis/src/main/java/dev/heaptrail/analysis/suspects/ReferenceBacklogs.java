package dev.heaptrail.analysis.suspects;

import dev.heaptrail.analysis.HeapAnalysis;
import dev.heaptrail.heap.graph.HeapClass;
import dev.heaptrail.heap.graph.HeapGraph;
import dev.heaptrail.heap.graph.HeapInstance;
import dev.heaptrail.heap.graph.HeapObject;
import dev.heaptrail.heap.graph.HeapValue;
import dev.heaptrail.heap.index.GcRootEntry;
import dev.heaptrail.heap.index.HeapIndex;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * References waiting in a queue that nobody drains fast enough: objects behind a slow or blocked
 * finalize() in the finalizer's queue (the JVM's counterpart of Python's {@code gc.garbage}), a
 * Cleaner whose cleaning actions block, a ReferenceQueue of PhantomReferences never polled. The
 * dominator tree cannot show them: a finalizable object is held only by its Finalizer's referent,
 * which the index leaves out as weak, and a Cleaner's references hang in a doubly linked list that
 * no single object dominates. So each long queue is its own candidate, with what would be freed
 * if it were drained: the queued references, the finalizable objects they hold, and all that
 * nothing else keeps.
 */
final class ReferenceBacklogs {

    /** At most this many queued references are walked; the queue's own count is reported either way. */
    static final int MAX_WALKED = 1_000_000;

    /**
     * One queue's backlog.
     *
     * @param queue        the ReferenceQueue
     * @param queueLength  how many references it holds, by its own count
     * @param finalizer    whether it is the JVM's finalizer queue (its references are Finalizers)
     * @param waiting      the class whose objects wait (the finalizable class, the cleaning action):
     *                     the largest share of what would be freed
     * @param bytes        what would be freed if the queue were drained
     * @param outsideReach how much of that the GC roots do not reach strongly (finalizable objects)
     * @param blockedIn    the stack frame that holds one of the waiting objects ("Slow.finalize(Slow.java:12)"):
     *                     where the queue's thread is stuck, when the dump says; else null
     */
    record Backlog(long queue, long queueLength, boolean finalizer, DominantClass waiting, long bytes, long outsideReach,
                   String blockedIn) {}

    private final HeapAnalysis analysis;
    private final HeapIndex index;
    private final HeapGraph graph;

    private ReferenceBacklogs(HeapAnalysis analysis, HeapGraph graph) {
        this.analysis = analysis;
        this.index = analysis.index();
        this.graph = graph;
    }

    /** The queues holding at least {@code minQueued} references, with what each would free. */
    static List<Backlog> find(HeapAnalysis analysis, HeapGraph graph, long minQueued) {
        return new ReferenceBacklogs(analysis, graph).find(minQueued);
    }

    private List<Backlog> find(long minQueued) {
        List<Backlog> found = new ArrayList<>();
        long finalizerQueue = graph.findClass("java.lang.ref.Finalizer").flatMap(c -> c.staticField("queue"))
                .flatMap(HeapValue::asObject).map(HeapObject::number).orElse(-1L);
        boolean[] queueClass = new boolean[index.classes().size()];
        for (HeapClass c : graph.classes()) {
            queueClass[c.classIndex()] = c.isSubclassOf("java.lang.ref.ReferenceQueue");
        }
        for (long o = 0, n = index.objectCount(); o < n; o++) { // one pass over the class column: a few queues among millions
            if (queueClass[index.classIndexOf(o)] && graph.object(o) instanceof HeapInstance q) {
                long length = q.field("queueLength").map(ReferenceBacklogs::count).orElse(0L);
                if (length >= minQueued) {
                    found.add(backlog(q, length, o == finalizerQueue));
                }
            }
        }
        return found;
    }

    private static long count(HeapValue v) {
        return switch (v.type()) {
            case INT -> v.asInt();
            case LONG -> v.asLong();
            default -> 0;
        };
    }

    private Backlog backlog(HeapInstance queue, long length, boolean finalizer) {
        List<Long> queued = new ArrayList<>();
        Optional<HeapInstance> r = queue.field("head").flatMap(HeapValue::asInstance);
        while (r.isPresent() && queued.size() < MAX_WALKED) {
            long at = r.get().number();
            queued.add(at);
            // Reference.next, not a Finalizer's own next (its place in the list of all finalizable objects); the last one's is itself
            r = r.get().field("java.lang.ref.Reference", "next").flatMap(HeapValue::asInstance).filter(next -> next.number() != at);
        }
        List<Long> held = new ArrayList<>(); // what each reference holds: its fields' objects, and a Finalizer's referent
        for (long ref : queued) {
            HeapInstance reference = (HeapInstance) graph.object(ref);
            reference.field("referent").flatMap(HeapValue::asObject).filter(o -> finalizer).ifPresent(o -> held.add(o.number()));
            for (long e = index.outgoingStart(ref), end = index.outgoingEnd(ref); e < end; e++) {
                held.add(index.outgoingTarget(e));
            }
        }
        return freed(queue.number(), length, finalizer, queued, held);
    }

    /**
     * What draining the queue would free: with the queued references blocked, the objects the GC
     * roots no longer reach, plus the finalizable objects they held (never reached strongly);
     * tallied by the class of the object each was first reached through.
     */
    private Backlog freed(long queue, long length, boolean finalizer, List<Long> queued, List<Long> held) {
        BlockedSearch search = new BlockedSearch(analysis, queued);
        search.fromRoots();
        ClassTally tally = ClassTally.empty(analysis);
        long bytes = 0;
        long outside = 0;
        for (long ref : queued) {
            bytes += index.shallowSize(ref);
        }
        for (long h : held) {
            if (search.reached(h)) {
                continue;
            }
            long[] alone = search.from(h);
            bytes += alone[0];
            outside += alone[1];
            tally.add(index.classIndexOf(h), h, alone[0]);
        }
        DominantClass waiting = DominantClass.in(index, tally, queue).orElse(null);
        return new Backlog(queue, length, finalizer, waiting, bytes, outside, waiting == null ? null : blockedIn(waiting));
    }

    /** A frame that holds an object of the waiting class, one of that class's own methods first. */
    private String blockedIn(DominantClass waiting) {
        String any = null;
        for (GcRootEntry root : index.gcRoots()) {
            if (root.frame() != null && index.classIndexOf(root.object()) == waiting.classIndex()) {
                if (root.frame().startsWith(waiting.name() + ".")) {
                    return root.frame();
                }
                any = any == null ? root.frame() : any;
            }
        }
        return any;
    }
}
