package dev.heaptrail.analysis.dominators;

import dev.heaptrail.heap.index.HeapIndex;

/** A {@link HeapIndex} seen as the strong reference graph the dominator tree needs. */
public final class HeapGraph implements ReferenceGraph {

    private final HeapIndex index;

    public HeapGraph(HeapIndex index) {
        this.index = index;
    }

    @Override
    public long nodeCount() {
        return index.objectCount();
    }

    @Override
    public Csr successors() {
        return new Csr() {
            @Override
            public long start(long node) {
                return index.outgoingStart(node);
            }

            @Override
            public long end(long node) {
                return index.outgoingEnd(node);
            }

            @Override
            public long target(long edge) {
                return index.outgoingTarget(edge);
            }

            @Override
            public long edgeCount() {
                return index.referenceCount();
            }
        };
    }

    @Override
    public Csr predecessors() {
        return new Csr() {
            @Override
            public long start(long node) {
                return index.incomingStart(node);
            }

            @Override
            public long end(long node) {
                return index.incomingEnd(node);
            }

            @Override
            public long target(long edge) {
                return index.incomingSource(edge);
            }

            @Override
            public long edgeCount() {
                return index.referenceCount();
            }
        };
    }

    @Override
    public long rootCount() {
        return index.gcRoots().size();
    }

    @Override
    public long root(long i) {
        return index.gcRoots().get((int) i).object();
    }
}
