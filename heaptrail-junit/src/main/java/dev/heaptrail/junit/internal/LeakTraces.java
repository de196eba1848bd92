package dev.heaptrail.junit.internal;

import dev.heaptrail.analysis.paths.GcRootPaths;
import dev.heaptrail.analysis.paths.PathDescriber;
import dev.heaptrail.analysis.paths.PathStep;
import dev.heaptrail.heap.graph.HeapGraph;
import dev.heaptrail.heap.graph.HeapInstance;
import dev.heaptrail.heap.graph.HeapValue;
import dev.heaptrail.heap.index.HeapIndex;
import dev.heaptrail.heap.index.HeapIndexBuilder;
import dev.heaptrail.hprof.ReadProgress;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Leak traces found in dumps of this JVM with heaptrail's engine: the path from a GC root to the
 * objects that pile up, or to an object that should have been collected.
 */
public final class LeakTraces {

    private LeakTraces() {}

    /**
     * Where objects of the grown classes pile up: their paths from the GC roots are grouped by the
     * classes along them (which static field, thread or ThreadLocal, and what structure), in a dump
     * before and one after more runs; the group that gained the most is the leak, and the path to
     * one of its objects in the later dump is its trace. Empty when no group gained.
     */
    public static Optional<LeakTrace> ofGrowth(Path before, Path after, Set<String> grownClasses) throws IOException {
        Map<String, Group> earlier = groups(Indexed.of(before), grownClasses);
        Indexed now = Indexed.of(after);
        Map<String, Group> later = groups(now, grownClasses);
        Group best = null;
        long bestGain = 0;
        for (Map.Entry<String, Group> e : later.entrySet()) {
            Group was = earlier.get(e.getKey());
            long gain = e.getValue().count - (was == null ? 0 : was.count);
            if (gain > bestGain) {
                best = e.getValue();
                bestGain = gain;
            }
        }
        if (Boolean.getBoolean(LeakCheck.VERBOSE) && best != null) {
            System.err.println("heaptrail-junit: most gained (" + bestGain + " objects): " + best.key);
        }
        if (best == null) {
            return Optional.empty();
        }
        List<PathStep> path = new PathDescriber(now.index).describe(List.of(now.roots.pathTo(best.example))).get(0);
        return Optional.of(new LeakTrace(path));
    }

    /**
     * The paths from the GC roots to the referents of this JVM's {@link WatchedReference}s still
     * alive in the dump, by key.
     */
    public static Map<String, LeakTrace> ofWatched(Path dump) throws IOException {
        HeapIndex index = HeapIndexBuilder.build(dump, ReadProgress.NONE);
        HeapGraph graph = HeapGraph.of(index);
        GcRootPaths roots = GcRootPaths.of(index);
        Map<String, Long> referents = new LinkedHashMap<>();
        for (var c : graph.classesNamed(WatchedReference.class.getName())) {
            c.instances().forEach(o -> {
                if (o instanceof HeapInstance w) {
                    String key = w.fieldObject("key").filter(HeapInstance.class::isInstance)
                            .flatMap(k -> ((HeapInstance) k).asString(200)).orElse(null);
                    w.field("java.lang.ref.Reference", "referent").flatMap(HeapValue::asObject)
                            .ifPresent(r -> referents.put(key, r.number()));
                }
            });
        }
        List<String> keys = new ArrayList<>();
        List<List<Long>> paths = new ArrayList<>();
        for (Map.Entry<String, Long> e : referents.entrySet()) {
            if (e.getKey() != null && roots.isReachable(e.getValue())) {
                keys.add(e.getKey());
                paths.add(roots.pathTo(e.getValue()));
            }
        }
        List<List<PathStep>> described = new PathDescriber(index).describe(paths);
        Map<String, LeakTrace> traces = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            traces.put(keys.get(i), new LeakTrace(described.get(i)));
        }
        return traces;
    }

    /** A dump's index and its paths from the GC roots. */
    private record Indexed(HeapIndex index, GcRootPaths roots) {
        static Indexed of(Path dump) throws IOException {
            HeapIndex index = HeapIndexBuilder.build(dump, ReadProgress.NONE);
            return new Indexed(index, GcRootPaths.of(index));
        }
    }

    /** Objects of the grown classes reached the same way: how many, and one of them. */
    private static final class Group {
        final String key;
        long count;
        long example;

        Group(String key) {
            this.key = key;
        }
    }

    /** The reachable objects of these classes, grouped by the classes along their paths from the GC roots. */
    private static Map<String, Group> groups(Indexed dump, Set<String> classes) {
        HeapIndex index = dump.index;
        boolean[] grown = new boolean[index.classes().size()];
        for (int c = 0; c < grown.length; c++) {
            grown[c] = classes.contains(index.classes().get(c).name());
        }
        Map<String, Group> groups = new HashMap<>();
        for (long o = 0, n = index.objectCount(); o < n; o++) {
            if (grown[index.classIndexOf(o)] && dump.roots.isReachable(o)) {
                List<Long> path = dump.roots.pathTo(o);
                StringBuilder key = new StringBuilder();
                for (long step : path) {
                    key.append(index.typeName(step)).append(' ');
                }
                Group g = groups.computeIfAbsent(key.toString(), Group::new);
                if (g.count++ == 0) {
                    g.example = o;
                }
            }
        }
        return groups;
    }
}
