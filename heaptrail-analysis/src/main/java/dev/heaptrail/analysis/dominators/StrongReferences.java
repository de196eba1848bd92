package dev.heaptrail.analysis.dominators;

import dev.heaptrail.heap.index.HeapIndex;

/**
 * A {@link HeapIndex}'s strong references, as the dominator tree needs them (not to be confused
 * with the object view {@code dev.heaptrail.heap.graph.HeapGraph}).
 */
public final class StrongReferences implements ReferenceGraph {

    private final HeapIndex index;

    public StrongReferences(HeapIndex index) {
        this.index = index;
    }

    @Override
    public long nodeCount() {
        return index.objectCount();
    }

    @Override
    public Csr successors() {
        return new Edges(index, false);
    }

    @Override
    public Csr predecessors() {
        return new Edges(index, true);
    }

    @Override
    public long rootCount() {
        return index.gcRoots().size();
    }

    @Override
    public long root(long i) {
        return index.gcRoots().get((int) i).object();
    }

    /** The index's outgoing references, or its incoming ones turned over. */
    private record Edges(HeapIndex index, boolean incoming) implements Csr {

        @Override
        public long start(long node) {
            return incoming ? index.incomingStart(node) : index.outgoingStart(node);
        }

        @Override
        public long end(long node) {
            return incoming ? index.incomingEnd(node) : index.outgoingEnd(node);
        }

        @Override
        public long target(long edge) {
            return incoming ? index.incomingSource(edge) : index.outgoingTarget(edge);
        }

        @Override
        public long edgeCount() {
            return index.referenceCount();
        }
    }
}
