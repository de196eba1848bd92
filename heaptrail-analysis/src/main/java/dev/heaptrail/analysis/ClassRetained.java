package dev.heaptrail.analysis;

/** Objects of one class at one level of the dominator tree, taken together (MAT's "group by class"). */
public record ClassRetained(String className, long instances, long shallowBytes, long retainedBytes) {}
