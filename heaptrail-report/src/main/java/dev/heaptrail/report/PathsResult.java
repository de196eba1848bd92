package dev.heaptrail.report;

import dev.heaptrail.analysis.paths.PathStep;

import java.util.List;

/**
 * {@code heaptrail path}: the shortest strong path from a GC root to each object asked for, and the
 * objects that have none.
 */
public record PathsResult(List<TargetPath> paths, List<Unreachable> unreachable) {

    public PathsResult {
        paths = List.copyOf(paths);
        unreachable = List.copyOf(unreachable);
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
