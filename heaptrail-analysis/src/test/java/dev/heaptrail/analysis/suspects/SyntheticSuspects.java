package dev.heaptrail.analysis.suspects;

import dev.heaptrail.analysis.HeapAnalysis;
import dev.heaptrail.analysis.paths.PathDescriber;
import dev.heaptrail.analysis.paths.PathStep;
import dev.heaptrail.heap.graph.HeapGraph;
import dev.heaptrail.heap.index.HeapIndexBuilder;
import dev.heaptrail.hprof.ReadProgress;
import dev.heaptrail.testkit.synthetic.ClassDef;
import dev.heaptrail.testkit.synthetic.Ref;
import dev.heaptrail.testkit.synthetic.SyntheticHeap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Heaps built in code for the detectors' tests: written under target/, indexed and analysed in
 * milliseconds, with the facts of their largest suspect worked out as {@link LeakSuspects} does.
 */
public final class SyntheticSuspects {

    private static final Path DIR = Path.of("target", "synthetic-heaps", "suspects");
    private static final AtomicInteger NEXT = new AtomicInteger();

    private SyntheticSuspects() {}

    public static HeapAnalysis analysis(Consumer<SyntheticHeap> build) {
        try {
            Path dump = SyntheticHeap.write(DIR.resolve("heap-" + NEXT.incrementAndGet() + ".hprof"), build);
            return HeapAnalysis.of(HeapIndexBuilder.build(dump, ReadProgress.NONE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The suspects of a heap at a 10 % threshold, named by the built-in detectors. */
    public static List<LeakSuspect> suspects(Consumer<SyntheticHeap> build) {
        try {
            return LeakSuspects.find(analysis(build), 10, 5, LeakPatternDetectors.defaults());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the detectors are told of the largest suspect (accumulation points only, not loader groups). */
    public static SuspectFacts topFacts(Consumer<SyntheticHeap> build) {
        HeapAnalysis analysis = analysis(build);
        AccumulationPoints points = new AccumulationPoints(analysis, new ClassLoaders(analysis.index()));
        long threshold = (long) Math.ceil(analysis.reachableBytes() * 0.10);
        List<Long> found = new ArrayList<>(points.find(threshold));
        found.sort((a, b) -> Long.compare(analysis.retainedBytes(b), analysis.retainedBytes(a)));
        if (found.isEmpty()) {
            throw new AssertionError("no accumulation point");
        }
        long top = found.get(0);
        List<PathStep> path;
        try {
            path = new PathDescriber(analysis.index()).describe(List.of(analysis.gcRootPaths().pathTo(top))).get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HeapGraph graph = HeapGraph.of(analysis.index());
        ClassTally tally = DominantClass.tally(analysis, top);
        return new SuspectFacts(graph, graph.object(top), path, DominantClass.in(analysis.index(), tally, top),
                points.isCollectionOrArray(top), DuplicatedClass.in(analysis.index(), tally), ElementCounts.of(graph.object(top)),
                analysis.retainedBytes(top));
    }

    /** {@code n} byte arrays of {@code size} bytes each. */
    public static List<Ref> payloads(SyntheticHeap heap, int n, int size) {
        List<Ref> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(heap.byteArray(new byte[size]));
        }
        return out;
    }

    /** A class com.example.{@code simpleName} with the static field {@code field} holding {@code value}. */
    public static ClassDef holder(SyntheticHeap heap, String simpleName, String field, Ref value) {
        return heap.newClass("com.example." + simpleName).staticField(field, value);
    }
}
