package dev.heaptrail.analysis.dominators;

/**
 * Edges of a graph in compressed sparse row form: node {@code v}'s edges are the indices
 * {@code start(v)} (inclusive) to {@code end(v)} (exclusive), each leading to {@code target(e)}.
 */
public interface Csr {

    long start(long node);

    long end(long node);

    long target(long edge);

    /** The largest edge index plus one. */
    long edgeCount();
}
