package dev.heaptrail.heap.graph;

import dev.heaptrail.heap.index.HeapIndexBuilder;
import dev.heaptrail.hprof.ReadProgress;
import dev.heaptrail.testkit.synthetic.Ref;
import dev.heaptrail.testkit.synthetic.SyntheticHeap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** Synthetic heaps written under target/, indexed, and seen through a {@link HeapGraph}. */
final class SyntheticGraphs {

    static final Path DIR = Path.of("target", "synthetic-heaps", "graph");
    private static final AtomicInteger NEXT = new AtomicInteger();

    private SyntheticGraphs() {}

    /** Writes the heap, indexes it and returns its graph. */
    static HeapGraph graph(SyntheticHeap heap) {
        try {
            return HeapGraph.of(HeapIndexBuilder.build(write(heap), ReadProgress.NONE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(SyntheticHeap heap) throws IOException {
        return heap.writeTo(DIR.resolve("heap-" + NEXT.incrementAndGet() + ".hprof"));
    }

    /** The graph's object for a synthetic one. */
    static HeapObject object(HeapGraph graph, Ref ref) {
        return graph.objectAt(ref.id()).orElseThrow(() -> new AssertionError("no object 0x" + Long.toHexString(ref.id())));
    }

    static HeapInstance instance(HeapGraph graph, Ref ref) {
        return object(graph, ref).asInstance().orElseThrow(() -> new AssertionError(ref + " is not an instance"));
    }
}
