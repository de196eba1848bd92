/**
 * The heap as the JVM laid it out: layout, histogram, the index and its object view.
 */
module dev.heaptrail.heap {
    // the API hands out hprof types (BasicType, HeapTag, HprofReader), so whoever reads heap reads hprof
    requires transitive dev.heaptrail.hprof;
    // ShallowSizes takes fastutil maps in its public constructor
    requires transitive it.unimi.dsi.fastutil.core;
    // PhaseLog counts the first phase from the JVM's start (its uptime)
    requires java.management;

    exports dev.heaptrail.heap;
    exports dev.heaptrail.heap.graph;
    exports dev.heaptrail.heap.index;
    exports dev.heaptrail.heap.store;

    // Analysis continues the indexing pipeline and needs two of its tools: Background (a phase on a
    // thread of its own) and PhaseLog (timing of each phase). They are plumbing, not a heap API for
    // report or cli to build on (a command marks its phases through the public PhaseTimes), so they
    // stay internal and only analysis may see them; the compiler keeps every other module out.
    // (javac warns that it cannot find dev.heaptrail.analysis here: it is built after heap.)
    exports dev.heaptrail.heap.internal to dev.heaptrail.analysis;
}
