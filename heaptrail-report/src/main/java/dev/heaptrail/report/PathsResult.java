package dev.heaptrail.report;

import dev.heaptrail.analysis.graph.ReferenceGraph;
import dev.heaptrail.analysis.paths.PathStep;

import java.util.List;

/**
 * {@code heaptrail path}: the shortest strong path from a GC root to each object asked for, and the
 * objects that have none.
 *
 * @param graph the paths as a picture, for the HTML page; null when not drawn
 */
public record PathsResult(List<TargetPath> paths, List<Unreachable> unreachable, ReferenceGraph graph) {

    public PathsResult {
        paths = List.copyOf(paths);
        unreachable = List.copyOf(unreachable);
    }

    /** Without a picture (only the HTML page draws one). */
    public PathsResult(List<TargetPath> paths, List<Unreachable> unreachable) {
        this(paths, unreachable, null);
    }

    /** A path, root first, with the retained size of the object it leads to. */
    public record TargetPath(long retainedBytes, List<PathStep> steps) {
        public TargetPath {
            steps = List.copyOf(steps);
        }

        public PathStep target() {
            return steps.get(steps.size() - 1);
        }
    }

    /** An object asked for that no strong path reaches: garbage, or only weakly or softly referenced. */
    public record Unreachable(String className, long address) {}
}
