package dev.heaptrail.analysis.dominators;

/**
 * The strong references of a heap as the dominator computation sees them: objects numbered
 * 0..n-1, their outgoing and incoming strong references, and the GC roots, all of which hang
 * from one virtual root above them.
 */
public interface ReferenceGraph {

    long nodeCount();

    Csr successors();

    /** The same edges reversed: for each node, the nodes that reference it. */
    Csr predecessors();

    long rootCount();

    /** The i-th GC root's object number; a root may be listed more than once. */
    long root(long i);
}
