package dev.heaptrail.alloc;

import java.util.List;

/**
 * The estimated surviving bytes (allocated bytes when the recording has no survivor samples) of
 * one whole allocation stack: what a flame graph draws.
 *
 * @param frames innermost first
 */
public record SurvivingStack(List<Frame> frames, long bytes) {}
