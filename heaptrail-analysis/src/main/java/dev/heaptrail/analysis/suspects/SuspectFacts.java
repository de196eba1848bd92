package dev.heaptrail.analysis.suspects;

import dev.heaptrail.analysis.paths.PathStep;
import dev.heaptrail.heap.graph.HeapClass;
import dev.heaptrail.heap.graph.HeapGraph;
import dev.heaptrail.heap.graph.HeapObject;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What a {@link LeakPatternDetector} knows of a suspect, worked out once for all detectors.
 *
 * @param graph         the heap, seen object by object
 * @param point         the accumulation point: where the memory piles up
 * @param path          the shortest strong path from a GC root to the point, root first
 * @param dominantClass the class whose objects make up most of what the point retains, when one does
 * @param collection    whether the point is a collection (by its class, its internals left out) or an
 *                      array of references: something that holds many elements
 * @param duplicatedClass a class of which the point holds objects of several copies, each from its
 *                      own class loader, when there is one
 * @param elements      the point's element count when it is a collection or array, else -1
 * @param retainedBytes what the point retains, or -1 when not known
 * @param linkedChain   when the point heads an application's own linked structure (a list of nodes
 *                      each holding the next): its nodes, which are then the elements and the dominant class
 */
public record SuspectFacts(HeapGraph graph, HeapObject point, List<PathStep> path, Optional<DominantClass> dominantClass,
                           boolean collection, Optional<DuplicatedClass> duplicatedClass, long elements, long retainedBytes,
                           Optional<LinkedChain> linkedChain) {

    public SuspectFacts {
        path = List.copyOf(path);
        java.util.Objects.requireNonNull(linkedChain, "linkedChain");
    }

    /** Facts of a point that heads no linked structure. */
    public SuspectFacts(HeapGraph graph, HeapObject point, List<PathStep> path, Optional<DominantClass> dominantClass,
                        boolean collection, Optional<DuplicatedClass> duplicatedClass, long elements, long retainedBytes) {
        this(graph, point, path, dominantClass, collection, duplicatedClass, elements, retainedBytes, Optional.empty());
    }

    /** Facts without a duplicated class, element count or retained size. */
    public SuspectFacts(HeapGraph graph, HeapObject point, List<PathStep> path, Optional<DominantClass> dominantClass,
                        boolean collection) {
        this(graph, point, path, dominantClass, collection, Optional.empty(), -1, -1);
    }

    /**
     * Whether many objects of one class are gathered under the point, the shape a leak leaves in a
     * single dump (see {@link LeakShape#manySimilarElements}).
     */
    public boolean manySimilarElements() {
        return !heldOnlyByTheJvm() && LeakShape.manySimilarElements(this);
    }

    /**
     * Whether the point is the JVM's own (or native code's) data rather than the application's: a JNI
     * global reference holds it with no class's field on the way, and it is made of the JDK's classes
     * only. The objects of Java 17's class-data archive are held so: about a third of an idle JVM's
     * heap, in an Object[] of strings, which would otherwise read as a pile-up.
     */
    public boolean heldOnlyByTheJvm() {
        return path.size() == 1 && "jni global".equals(path.get(0).rootKind()) && jdkClass(point.className())
                && dominantClass.map(d -> jdkClass(d.name())).orElse(true);
    }

    private static boolean jdkClass(String name) {
        String element = name.replace("[]", "");
        return !element.contains(".") // a primitive array
                || element.startsWith("java.") || element.startsWith("javax.") || element.startsWith("jdk.")
                || element.startsWith("sun.") || element.startsWith("com.sun.");
    }

    /** Whether a static field holds the point or something on the way to it. */
    public boolean heldByStaticField() {
        return path.stream().anyMatch(PathStep::isStatic);
    }

    /** The first step of the path, from the root, that {@code test} accepts. */
    public Optional<PathStep> firstStep(Predicate<PathStep> test) {
        return path.stream().filter(test).findFirst();
    }

    /** The position of the first step that {@code test} accepts, or -1. */
    public int indexOfStep(Predicate<PathStep> test) {
        for (int i = 0; i < path.size(); i++) {
            if (test.test(path.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** The dominant class as a class of the heap. */
    public Optional<HeapClass> dominantHeapClass() {
        return dominantClass.map(d -> new HeapClass(graph, d.classIndex()));
    }

    /** The name of the dominant class, or "" when there is none. */
    public String dominantClassName() {
        return dominantClass.map(DominantClass::name).orElse("");
    }
}
