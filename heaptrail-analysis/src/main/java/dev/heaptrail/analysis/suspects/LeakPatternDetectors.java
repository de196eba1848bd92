package dev.heaptrail.analysis.suspects;

import dev.heaptrail.analysis.suspects.patterns.CancelledTasksDetector;
import dev.heaptrail.analysis.suspects.patterns.CapturingListenerDetector;
import dev.heaptrail.analysis.suspects.patterns.ClassLoaderDetector;
import dev.heaptrail.analysis.suspects.patterns.ExecutorBacklogDetector;
import dev.heaptrail.analysis.suspects.patterns.FinalizerBacklogDetector;
import dev.heaptrail.analysis.suspects.patterns.GrowingCollectionDetector;
import dev.heaptrail.analysis.suspects.patterns.LargeObjectDetector;
import dev.heaptrail.analysis.suspects.patterns.LargeStructureDetector;
import dev.heaptrail.analysis.suspects.patterns.ReferenceQueueBacklogDetector;
import dev.heaptrail.analysis.suspects.patterns.StaticCollectionDetector;
import dev.heaptrail.analysis.suspects.patterns.ThreadLocalDetector;
import dev.heaptrail.analysis.suspects.patterns.UnremovableKeysDetector;
import dev.heaptrail.analysis.suspects.patterns.WeakKeysHeldByValuesDetector;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The detectors in the order they are asked; the first that matches names a suspect. Specific
 * shapes come first (a ThreadLocal, a scheduler's cancelled tasks, an executor's queue, the finalizer's or a Cleaner's queue,
 * class loaders, captured lambdas, changed hash keys, a WeakHashMap's values holding its keys), then the detectors {@link ServiceLoader}
 * finds, then the general ones that match nearly anything (a collection in a static field, any
 * collection, a large structure, one large object), so that a pattern added from outside is asked
 * before the fallbacks and after what the JDK's layout tells for certain. The collection fallbacks
 * want many similar objects gathered; a collection without them is a large structure, not a leak
 * (see {@link LeakShape}).
 */
public final class LeakPatternDetectors {

    private LeakPatternDetectors() {}

    /** The built-in detectors that recognise one shape, in priority order. */
    public static List<LeakPatternDetector> specific() {
        return List.of(new ThreadLocalDetector(), new CancelledTasksDetector(), new ExecutorBacklogDetector(), new FinalizerBacklogDetector(),
                new ReferenceQueueBacklogDetector(), new ClassLoaderDetector(), new CapturingListenerDetector(),
                new UnremovableKeysDetector(), new WeakKeysHeldByValuesDetector());
    }

    /** The built-in fallbacks; the last matches every suspect. */
    public static List<LeakPatternDetector> general() {
        return List.of(new StaticCollectionDetector(), new GrowingCollectionDetector(), new LargeStructureDetector(),
                new LargeObjectDetector());
    }

    /** The built-in detectors alone, in order. */
    public static List<LeakPatternDetector> defaults() {
        return with(List.of());
    }

    /** The built-in detectors and those {@code loader} finds through {@link ServiceLoader}, in order. */
    public static List<LeakPatternDetector> installed(ClassLoader loader) {
        List<LeakPatternDetector> loaded = new ArrayList<>();
        ServiceLoader.load(LeakPatternDetector.class, loader).forEach(loaded::add);
        return with(loaded);
    }

    /** The built-in detectors and those on the class path of heaptrail itself. */
    public static List<LeakPatternDetector> installed() {
        return installed(LeakPatternDetector.class.getClassLoader());
    }

    /**
     * The specific built-ins, then {@code extra}, then the general ones.
     *
     * @throws IllegalArgumentException when two detectors name different patterns of the same id
     */
    public static List<LeakPatternDetector> with(List<LeakPatternDetector> extra) {
        List<LeakPatternDetector> all = new ArrayList<>(specific());
        all.addAll(extra);
        all.addAll(general());
        Map<String, LeakPattern> byId = new HashMap<>();
        for (LeakPatternDetector d : all) {
            LeakPattern before = byId.putIfAbsent(d.pattern().id(), d.pattern());
            if (before != null && !before.equals(d.pattern())) {
                throw new IllegalArgumentException("two leak patterns have the id " + d.pattern().id()
                        + ", the second from " + d.getClass().getName());
            }
        }
        return List.copyOf(all);
    }

    /** The pattern of the first detector that matches; the last of {@code detectors} should match everything. */
    static LeakPattern patternOf(SuspectFacts suspect, List<LeakPatternDetector> detectors) {
        for (LeakPatternDetector d : detectors) {
            if (d.matches(suspect)) {
                return d.pattern();
            }
        }
        return LeakPattern.LARGE_OBJECT;
    }
}
