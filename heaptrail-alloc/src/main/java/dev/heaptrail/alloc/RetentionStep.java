package dev.heaptrail.alloc;

import dev.heaptrail.analysis.paths.PathStep;

/**
 * One step of the reference chain from a GC root to a sampled object, as JFR's old-object sampler
 * recorded it. JFR leaves out links in long chains; {@code skippedBefore} says how many were left
 * out between the previous step and this one.
 */
public record RetentionStep(PathStep step, int skippedBefore) {}
