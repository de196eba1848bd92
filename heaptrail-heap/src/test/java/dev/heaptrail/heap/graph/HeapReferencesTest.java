package dev.heaptrail.heap.graph;

import dev.heaptrail.hprof.HeapTag;
import dev.heaptrail.testkit.synthetic.ArrayDef;
import dev.heaptrail.testkit.synthetic.ClassDef;
import dev.heaptrail.testkit.synthetic.FieldType;
import dev.heaptrail.testkit.synthetic.InstanceDef;
import dev.heaptrail.testkit.synthetic.SyntheticHeap;
import dev.heaptrail.testkit.synthetic.ThreadDef;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.heaptrail.heap.graph.SyntheticGraphs.graph;
import static dev.heaptrail.heap.graph.SyntheticGraphs.instance;
import static dev.heaptrail.heap.graph.SyntheticGraphs.object;
import static org.assertj.core.api.Assertions.assertThat;

/** Who holds whom, by field name, array index and static; and the GC roots with their threads and frames. */
class HeapReferencesTest {

    @Test
    void referentsAndReferrersAreNamed() {
        SyntheticHeap heap = new SyntheticHeap();
        ClassDef node = heap.newClass("com.example.Node").field("next", FieldType.OBJECT).field("other", FieldType.OBJECT);
        InstanceDef a = heap.instance(node);
        InstanceDef b = heap.instance(node).set("next", a);
        a.set("next", b).set("other", b); // a holds b twice
        ArrayDef array = heap.objectArray(a, b, b);
        ClassDef holder = heap.newClass("com.example.Holder").staticField("HELD", b).staticField("COUNT", 3);
        InstanceDef weak = heap.instance("java.lang.ref.WeakReference").set("referent", b);
        HeapGraph g = graph(heap);

        HeapObject ob = object(g, b);
        assertThat(names(object(g, a).referents())).containsExactly("other -> " + ob, "next -> " + ob); // the dump's order
        assertThat(names(object(g, array).referents())).containsExactly("[0] -> " + object(g, a), "[1] -> " + ob, "[2] -> " + ob);
        HeapClass holderClass = g.findClass("com.example.Holder").orElseThrow();
        assertThat(names(holderClass.referents())).containsExactly("<superclass> -> " + g.findClass("java.lang.Object").orElseThrow(),
                "HELD -> " + ob);
        // the weak referent is read as a field, but keeps nothing alive
        assertThat(instance(g, weak).fieldObject("referent")).contains(ob);
        assertThat(object(g, weak).referents()).isEmpty();

        assertThat(ob.referrers()).extracting(r -> r.from().address() + "." + r.name()).containsExactlyInAnyOrder(
                a.id() + ".next", a.id() + ".other", array.id() + ".[1]", array.id() + ".[2]", holder.id() + ".HELD");
        assertThat(ob.referrers()).allMatch(r -> r.to().equals(ob));
        assertThat(object(g, a).referrers()).extracting(r -> r.from().address() + "." + r.name())
                .containsExactlyInAnyOrder(b.id() + ".next", array.id() + ".[0]");
    }

    @Test
    void gcRootsWithTheirThreadsAndFrames() {
        SyntheticHeap heap = new SyntheticHeap();
        InstanceDef local = heap.string("a local");
        InstanceDef nativeHeld = heap.instance("java.lang.Object");
        ArrayDef global = heap.intArray(1, 2);
        InstanceDef locked = heap.instance("java.lang.Object");
        ThreadDef worker = heap.thread("worker-1", "com.example.Worker.poll(Worker.java:42)",
                "sun.nio.ch.Net.poll(Native Method)", "java.lang.Thread.run(Unknown Source)")
                .local(0, local).jniLocal(1, nativeHeld);
        heap.jniGlobal(global).monitorUsed(locked);
        HeapGraph g = graph(heap);

        List<HeapRoot> roots = g.gcRoots();
        HeapInstance thread = instance(g, worker);
        assertThat(thread.fieldObject("name").flatMap(HeapObject::asInstance).flatMap(HeapInstance::readString)).contains("worker-1");
        assertThat(root(roots, HeapTag.ROOT_THREAD_OBJECT)).isEqualTo(
                new HeapRoot(thread, HeapTag.ROOT_THREAD_OBJECT, java.util.Optional.of(thread), java.util.Optional.empty()));
        assertThat(root(roots, HeapTag.ROOT_JAVA_FRAME)).isEqualTo(new HeapRoot(object(g, local), HeapTag.ROOT_JAVA_FRAME,
                java.util.Optional.of(thread), java.util.Optional.of("com.example.Worker.poll(Worker.java:42)")));
        assertThat(root(roots, HeapTag.ROOT_JNI_LOCAL)).isEqualTo(new HeapRoot(object(g, nativeHeld), HeapTag.ROOT_JNI_LOCAL,
                java.util.Optional.of(thread), java.util.Optional.of("sun.nio.ch.Net.poll(Native Method)")));
        assertThat(root(roots, HeapTag.ROOT_JNI_GLOBAL).object()).isEqualTo(object(g, global));
        assertThat(root(roots, HeapTag.ROOT_JNI_GLOBAL).thread()).isEmpty();
        assertThat(root(roots, HeapTag.ROOT_MONITOR_USED).object()).isEqualTo(object(g, locked));
        // every class without a loader is a sticky root, as HotSpot makes them
        assertThat(roots).filteredOn(r -> r.kind() == HeapTag.ROOT_STICKY_CLASS).extracting(r -> ((HeapClass) r.object()).name())
                .containsExactlyInAnyOrderElementsOf(g.classes().stream().filter(c -> c.number() >= 0).map(HeapClass::name).toList());
        assertThat(worker.frames()).extracting(ThreadDef.Frame::line).containsExactly(42, -3, -1);
    }

    private static HeapRoot root(List<HeapRoot> roots, HeapTag kind) {
        List<HeapRoot> found = roots.stream().filter(r -> r.kind() == kind).toList();
        assertThat(found).as(kind.label()).hasSize(1);
        return found.get(0);
    }

    private static List<String> names(List<HeapReference> references) {
        return references.stream().map(r -> r.name() + " -> " + r.to()).toList();
    }
}
