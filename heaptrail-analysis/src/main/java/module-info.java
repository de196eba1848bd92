/**
 * What holds the memory: dominator tree, paths from the GC roots, leak suspects and their patterns.
 */
module dev.heaptrail.analysis {
    // results and inputs are heap types (HeapIndex, HeapObject, NodeArray)
    requires transitive dev.heaptrail.heap;
    requires dev.heaptrail.hprof;

    exports dev.heaptrail.analysis;
    exports dev.heaptrail.analysis.diff;
    exports dev.heaptrail.analysis.dominators;
    exports dev.heaptrail.analysis.graph;
    exports dev.heaptrail.analysis.paths;
    exports dev.heaptrail.analysis.suspects;
    exports dev.heaptrail.analysis.suspects.patterns;

    // LeakPatternDetectors.installed(): detectors from outside heaptrail
    uses dev.heaptrail.analysis.suspects.LeakPatternDetector;
}
