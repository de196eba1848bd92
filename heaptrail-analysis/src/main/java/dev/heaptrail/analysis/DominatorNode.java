package dev.heaptrail.analysis;

import java.util.List;

/**
 * An object in the top of the dominator tree.
 *
 * @param children the largest objects it dominates, largest first (empty below the depth asked for)
 */
public record DominatorNode(long object, long address, String className, long shallowBytes, long retainedBytes,
                            List<DominatorNode> children) {}
