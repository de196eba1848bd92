package dev.heaptrail.analysis.suspects;

import dev.heaptrail.analysis.HeapAnalysis;
import dev.heaptrail.analysis.paths.GcRootPaths;
import dev.heaptrail.analysis.paths.PathDescriber;
import dev.heaptrail.analysis.paths.PathStep;
import dev.heaptrail.heap.graph.HeapGraph;
import dev.heaptrail.heap.index.HeapIndex;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Ranked leak suspects: the accumulation points ({@link AccumulationPoints}) and the groups of
 * class loaders no single object dominates ({@link LoaderGroups}), largest first, each with its
 * path from a GC root, what it is made of ({@link DominantClass}) and the pattern the first
 * matching {@link LeakPatternDetector} names.
 */
public final class LeakSuspects {

    private final HeapAnalysis analysis;
    private final HeapIndex index;
    private final HeapGraph graph;
    private final List<LeakPatternDetector> detectors;

    private LeakSuspects(HeapAnalysis analysis, List<LeakPatternDetector> detectors) {
        this.analysis = analysis;
        this.index = analysis.index();
        this.graph = HeapGraph.of(index);
        this.detectors = List.copyOf(detectors);
    }

    /**
     * The suspects retaining at least {@code thresholdPercent} of the reachable heap, largest first,
     * named by the {@linkplain LeakPatternDetectors#installed() installed detectors} (does I/O:
     * reads the objects on their paths back from the dump).
     */
    public static List<LeakSuspect> find(HeapAnalysis analysis, double thresholdPercent, int max) throws IOException {
        return find(analysis, thresholdPercent, max, LeakPatternDetectors.installed());
    }

    /** As {@link #find(HeapAnalysis, double, int)}, with these detectors asked in this order. */
    public static List<LeakSuspect> find(HeapAnalysis analysis, double thresholdPercent, int max,
                                         List<LeakPatternDetector> detectors) throws IOException {
        try {
            return new LeakSuspects(analysis, detectors).find(thresholdPercent, max);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private List<LeakSuspect> find(double thresholdPercent, int max) throws IOException {
        long threshold = (long) Math.ceil(analysis.reachableBytes() * thresholdPercent / 100.0);
        ClassLoaders loaders = new ClassLoaders(index);
        AccumulationPoints accumulation = new AccumulationPoints(analysis, loaders);
        Set<Long> points = accumulation.find(threshold);
        List<Candidate> ranked = new ArrayList<>();
        for (long p : points) {
            ranked.add(new Candidate(p, analysis.retainedBytes(p), null));
        }
        for (LoaderGroups.Group g : LoaderGroups.find(analysis, points, threshold, loaders::isLoader)) {
            ranked.add(new Candidate(g.loaders().get(0), g.retainedBytes(), g));
        }
        ranked.sort(Comparator.comparingLong(Candidate::retained).reversed().thenComparingLong(Candidate::point));
        if (ranked.size() > max) {
            ranked = ranked.subList(0, max);
        }
        GcRootPaths roots = analysis.gcRootPaths();
        List<List<Long>> paths = new ArrayList<>();
        for (Candidate c : ranked) {
            paths.add(roots.pathTo(c.point()));
        }
        List<List<PathStep>> described = new PathDescriber(index).describe(paths);
        ObjectFacts facts = new ObjectFacts(graph);
        List<LeakSuspect> suspects = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            Candidate c = ranked.get(i);
            suspects.add(c.group() == null ? suspect(i + 1, c.point(), described.get(i), facts, accumulation)
                    : groupSuspect(i + 1, c.group(), described.get(i), facts));
        }
        return suspects;
    }

    /** An accumulation point, or a group of class loaders represented by its largest. */
    private record Candidate(long point, long retained, LoaderGroups.Group group) {}

    private LeakSuspect suspect(int rank, long p, List<PathStep> path, ObjectFacts facts, AccumulationPoints accumulation)
            throws IOException {
        ClassTally tally = DominantClass.tally(analysis, p);
        Optional<DominantClass> dominant = DominantClass.in(index, tally, p);
        Optional<DuplicatedClass> duplicated = DuplicatedClass.in(index, tally);
        long retained = analysis.retainedBytes(p);
        long elements = facts.elements(p);
        SuspectFacts shape = new SuspectFacts(graph, graph.object(p), path, dominant, accumulation.isCollectionOrArray(p), duplicated,
                elements, retained);
        LeakPattern pattern = LeakPatternDetectors.patternOf(shape, detectors);
        List<LeakSuspect.Capture> captured = pattern.id().equals(LeakPattern.CAPTURING_LISTENER.id()) && dominant.isPresent()
                ? facts.captures(dominant.get().largest(), analysis::retainedBytes) : List.of();
        return new LeakSuspect(rank, retained, percent(retained), pattern, p, index.address(p), index.typeName(p),
                elements, dominant.map(DominantClass::name).orElse(index.typeName(p)),
                dominant.map(DominantClass::instances).orElse(0L), dominant.map(DominantClass::bytes).orElse(0L), path,
                facts.threadHolding(path), facts.threadLocalOf(path), captured, null,
                pattern.id().equals(LeakPattern.CLASS_LOADER.id()) ? duplicated.orElse(null) : null, LeakShape.of(pattern, shape));
    }

    private LeakSuspect groupSuspect(int rank, LoaderGroups.Group g, List<PathStep> path, ObjectFacts facts) {
        long largest = g.loaders().get(0);
        return new LeakSuspect(rank, g.retainedBytes(), percent(g.retainedBytes()), LeakPattern.CLASS_LOADER, largest,
                index.address(largest), g.loaderClass(), -1, g.loaderClass(), g.loaders().size(), g.retainedBytes(), path,
                facts.threadHolding(path), facts.threadLocalOf(path), List.of(),
                new LeakSuspect.LoaderGroup(g.loaders().size(), g.duplicatedClass()), null, LeakShape.loaderGroup(g.loaders().size()));
    }

    private double percent(long retained) {
        return 100.0 * retained / Math.max(1, analysis.reachableBytes());
    }
}
