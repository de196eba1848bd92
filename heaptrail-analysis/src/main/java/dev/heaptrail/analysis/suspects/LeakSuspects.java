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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Ranked leak suspects: the accumulation points ({@link AccumulationPoints}), those held the same
 * way under several roots taken together as one leak ({@link RetentionSignature}), and the groups
 * of class loaders no single object dominates ({@link LoaderGroups}); each with its path from a GC
 * root, what it is made of ({@link DominantClass}) and the pattern the first matching
 * {@link LeakPatternDetector} names; ranked by size weighed by how leak-like ({@link SuspectRanking}).
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

    /**
     * Parts of one leak smaller than this share of the threshold are not looked for: one ThreadLocal's
     * values are found in every thread that holds a tenth of the threshold or more.
     */
    static final int SPREAD_SHARE = 10;

    private List<LeakSuspect> find(double thresholdPercent, int max) throws IOException {
        long threshold = (long) Math.ceil(analysis.reachableBytes() * thresholdPercent / 100.0);
        ClassLoaders loaders = new ClassLoaders(index);
        AccumulationPoints accumulation = new AccumulationPoints(analysis, loaders);
        List<Long> points = new ArrayList<>(accumulation.find(Math.max(1, threshold / SPREAD_SHARE)));
        GcRootPaths roots = analysis.gcRootPaths();
        List<List<Long>> paths = new ArrayList<>();
        for (long p : points) {
            paths.add(roots.pathTo(p));
        }
        List<List<PathStep>> described = new PathDescriber(index).describe(paths);
        ObjectFacts facts = new ObjectFacts(graph);
        List<LeakSuspect> suspects = new ArrayList<>();
        Set<Long> reported = new HashSet<>();
        for (Held held : Held.group(points, described, analysis::retainedBytes)) {
            if (held.retained() >= threshold) {
                suspects.add(suspect(held, facts, accumulation));
                for (Member m : held.members()) {
                    reported.add(m.point());
                }
            }
        }
        for (ReferenceBacklogs.Backlog b : ReferenceBacklogs.find(analysis, graph, LeakShape.MANY)) {
            if (b.bytes() >= threshold) {
                suspects.removeIf(s -> s.accumulationPoint() == b.queue()); // the queue's own chain, without what waits
                suspects.add(backlogSuspect(b, roots, facts));
                reported.add(b.queue());
            }
        }
        for (LoaderGroups.Group g : LoaderGroups.find(analysis, reported, threshold, loaders::isLoader)) {
            List<PathStep> path = new PathDescriber(index).describe(List.of(roots.pathTo(g.loaders().get(0)))).get(0);
            suspects.add(groupSuspect(g, path, facts));
        }
        return SuspectRanking.rank(suspects, max);
    }

    /** An accumulation point with its path from a GC root. */
    private record Member(long point, List<PathStep> path, long retained) {}

    /**
     * One accumulation point, or several held the same way ({@link RetentionSignature}) under
     * different roots, largest first.
     */
    private record Held(List<Member> members, RetentionSignature signature, long retained) {

        static List<Held> group(List<Long> points, List<List<PathStep>> paths, java.util.function.LongUnaryOperator retained) {
            Map<String, List<Member>> bySignature = new LinkedHashMap<>();
            Map<String, RetentionSignature> signatures = new HashMap<>();
            List<Held> held = new ArrayList<>();
            for (int i = 0; i < points.size(); i++) {
                Member m = new Member(points.get(i), paths.get(i), retained.applyAsLong(points.get(i)));
                Optional<RetentionSignature> s = RetentionSignature.of(m.path());
                if (s.isPresent()) {
                    bySignature.computeIfAbsent(s.get().key(), k -> new ArrayList<>()).add(m);
                    signatures.putIfAbsent(s.get().key(), s.get());
                } else {
                    held.add(new Held(List.of(m), null, m.retained()));
                }
            }
            for (Map.Entry<String, List<Member>> e : bySignature.entrySet()) {
                List<Member> members = new ArrayList<>(e.getValue());
                members.sort(Comparator.comparingLong(Member::retained).reversed().thenComparingLong(Member::point));
                long sum = members.stream().mapToLong(Member::retained).sum();
                held.add(new Held(members, members.size() > 1 ? signatures.get(e.getKey()) : null, sum));
            }
            return held;
        }

        Member largest() {
            return members.get(0);
        }
    }

    private LeakSuspect suspect(Held held, ObjectFacts facts, AccumulationPoints accumulation) throws IOException {
        long p = held.largest().point();
        List<PathStep> path = held.largest().path();
        ClassTally tally = DominantClass.tally(analysis, p);
        Optional<LinkedChain> chain = chainAt(p, accumulation);
        long elements = elements(p, chain, facts);
        List<LeakSuspect.Member> members = new ArrayList<>();
        for (Member m : held.members()) {
            long count = m.point() == p ? elements : elements(m.point(), chainAt(m.point(), accumulation), facts);
            members.add(new LeakSuspect.Member(index.address(m.point()), m.retained(), percent(m.retained()), count,
                    facts.threadHolding(m.path())));
            if (m.point() != p) {
                tally.merge(DominantClass.tally(analysis, m.point()));
            }
        }
        if (held.signature() != null) {
            boolean allCounted = members.stream().allMatch(m -> m.elements() >= 0);
            elements = allCounted ? members.stream().mapToLong(LeakSuspect.Member::elements).sum() : -1;
        }
        long retained = held.retained();
        // A linked structure is made of its nodes, as a list is of its elements.
        Optional<DominantClass> dominant = chain.isPresent()
                ? Optional.of(new DominantClass(chain.get().nodeClass(), chain.get().nodeClassName(), Math.max(elements, chain.get().nodes()),
                        retained, p))
                : DominantClass.in(index, tally, p);
        Optional<DuplicatedClass> duplicated = DuplicatedClass.in(index, tally);
        boolean collection = accumulation.isCollectionOrArray(p) || chain.isPresent()
                || dominant.filter(d -> HandMadeCollections.heldDirectly(analysis, p, d.classIndex()) >= LeakShape.MANY).isPresent();
        SuspectFacts shape = new SuspectFacts(graph, graph.object(p), path, dominant, collection, duplicated, elements, retained, chain);
        LeakPattern pattern = LeakPatternDetectors.patternOf(shape, detectors);
        List<LeakSuspect.Capture> captured = pattern.id().equals(LeakPattern.CAPTURING_LISTENER.id()) && dominant.isPresent()
                ? facts.captures(dominant.get().largest(), analysis::retainedBytes) : List.of();
        LeakSuspect.Spread spread = held.signature() == null ? null : new LeakSuspect.Spread(held.signature().anchor(), members);
        DuplicatedClass copies = pattern.id().equals(LeakPattern.CLASS_LOADER.id()) ? duplicated.orElse(null) : null;
        return new LeakSuspect(0, pattern, point(p, elements, retained, percent(retained)), madeOf(dominant, p, captured, copies, chain),
                new LeakSuspect.HeldBy(path, facts.threadHolding(path), facts.threadLocalOf(path), spread, null),
                LeakShape.of(pattern, shape), null);
    }

    /** The linked structure headed at a point that is not a collection by its class (see {@link HandMadeCollections}). */
    private Optional<LinkedChain> chainAt(long point, AccumulationPoints accumulation) {
        return accumulation.isCollectionOrArray(point) ? Optional.empty()
                : HandMadeCollections.chainAt(analysis, graph, point, LeakShape.MANY);
    }

    /** A point's elements: a linked structure's nodes, a collection's or array's count, else -1. */
    private static long elements(long point, Optional<LinkedChain> chain, ObjectFacts facts) {
        return chain.map(LinkedChain::nodes).orElseGet(() -> facts.elements(point));
    }

    /**
     * A queue's backlog. Its share counts the finalizable objects it holds, which the GC roots do
     * not reach strongly, into the heap it is a share of.
     */
    private LeakSuspect backlogSuspect(ReferenceBacklogs.Backlog b, GcRootPaths roots, ObjectFacts facts) throws IOException {
        List<PathStep> path = new PathDescriber(index).describe(List.of(roots.pathTo(b.queue()))).get(0);
        Optional<DominantClass> waiting = Optional.ofNullable(b.waiting());
        SuspectFacts shape = new SuspectFacts(graph, graph.object(b.queue()), path, waiting, true, Optional.empty(), b.queueLength(),
                b.bytes());
        LeakPattern pattern = LeakPatternDetectors.patternOf(shape, detectors);
        double percent = 100.0 * b.bytes() / Math.max(1, analysis.reachableBytes() + b.outsideReach());
        return new LeakSuspect(0, pattern, point(b.queue(), b.queueLength(), b.bytes(), percent),
                madeOf(waiting, b.queue(), List.of(), null),
                new LeakSuspect.HeldBy(path, facts.threadHolding(path), facts.threadLocalOf(path), null, b.blockedIn()),
                LeakShape.of(pattern, shape), null);
    }

    private LeakSuspect groupSuspect(LoaderGroups.Group g, List<PathStep> path, ObjectFacts facts) {
        long largest = g.loaders().get(0);
        return new LeakSuspect(0, LeakPattern.CLASS_LOADER, point(largest, -1, g.retainedBytes(), percent(g.retainedBytes())),
                new LeakSuspect.MadeOf(g.loaderClass(), g.loaders().size(), g.retainedBytes(), List.of(), null,
                        new LeakSuspect.LoaderGroup(g.loaders().size(), g.duplicatedClass())),
                new LeakSuspect.HeldBy(path, facts.threadHolding(path), facts.threadLocalOf(path), null, null),
                LeakShape.loaderGroup(g.loaders().size()), null);
    }

    private LeakSuspect.Point point(long object, long elements, long retained, double percent) {
        return new LeakSuspect.Point(object, index.address(object), index.typeName(object), elements, retained, percent);
    }

    /** What a point is made of: its dominant class, or the point's own class with no instances when there is none. */
    private LeakSuspect.MadeOf madeOf(Optional<DominantClass> dominant, long point, List<LeakSuspect.Capture> captured,
                                      DuplicatedClass copies) {
        return madeOf(dominant, point, captured, copies, Optional.empty());
    }

    private LeakSuspect.MadeOf madeOf(Optional<DominantClass> dominant, long point, List<LeakSuspect.Capture> captured,
                                      DuplicatedClass copies, Optional<LinkedChain> chain) {
        return new LeakSuspect.MadeOf(dominant.map(DominantClass::name).orElse(index.typeName(point)),
                dominant.map(DominantClass::instances).orElse(0L), dominant.map(DominantClass::bytes).orElse(0L), captured, copies, null,
                chain.orElse(null));
    }

    private double percent(long retained) {
        return 100.0 * retained / Math.max(1, analysis.reachableBytes());
    }
}
