package dev.heaptrail.alloc;

import java.util.List;

/**
 * What {@code heaptrail alloc} and {@code heaptrail sites} report: allocation sites ranked by
 * estimated surviving bytes (or by their growth, under a comparison).
 *
 * @param sites            ranked, at most {@code --top}
 * @param samples          every allocation and survivor sample read
 * @param durationSeconds  the recording's length, null when unknown
 * @param source           who wrote the recording
 * @param jvm              the recorded JVM ("OpenJDK 64-Bit Server VM 17.0.15+6"), null when unknown
 * @param survivorSamples  false when the recording has no survivor samples (no jdk.OldObjectSample or
 *                         profiler.LiveObject events): then sites are ranked by allocation rate alone
 * @param stacks           the heaviest whole stacks, for a flame graph (under a comparison, those that grew, by their growth)
 * @param comparedTo       the earlier recording under {@code --compare}, else null
 * @param notes            what people should know about the estimates (one line each)
 */
public record AllocationReport(List<AllocationSite> sites, long samples, Double durationSeconds, Source source,
                               String jvm, boolean survivorSamples, List<SurvivingStack> stacks, String comparedTo,
                               List<String> notes) {}
