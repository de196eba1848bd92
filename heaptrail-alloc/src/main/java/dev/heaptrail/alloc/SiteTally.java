package dev.heaptrail.alloc;

import it.unimi.dsi.fastutil.longs.LongArrayList;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a recording says about one site: allocation samples by weight, and survivor samples with
 * their allocation time and size (kept one by one: there are few, and the age each must reach is
 * known only once the recording's end is).
 */
final class SiteTally {

    final List<Frame> frames;
    /** From jdk.ObjectAllocationInNewTLAB / OutsideTLAB (the JDK's or async-profiler's): exhaustive or sampled by weight. */
    long tlabBytes;
    long tlabSamples;
    /** From jdk.ObjectAllocationSample: throttled, each with the weight it stands for. */
    long sampledBytes;
    long sampledSamples;
    /** Survivor samples, async-profiler's and the JDK's apart: allocation time (epoch nanos), size (-1 unknown). */
    final Survivors live = new Survivors();
    final Survivors old = new Survivors();
    /** Bytes per class of the allocation samples. */
    final Map<String, long[]> allocatedClasses = new HashMap<>();
    List<RetentionStep> path = List.of();
    /** For a flame-graph stack, the site it belongs to: its survivors are weighed as the site's. */
    final SiteTally site;

    SiteTally(List<Frame> frames) {
        this(frames, null);
    }

    SiteTally(List<Frame> frames, SiteTally site) {
        this.frames = frames;
        this.site = site;
    }

    void allocated(String className, long weight, boolean tlab) {
        if (tlab) {
            tlabBytes += weight;
            tlabSamples++;
        } else {
            sampledBytes += weight;
            sampledSamples++;
        }
        allocatedClasses.computeIfAbsent(className, c -> new long[1])[0] += weight;
    }

    /** Takes back an allocation sample of jdk.ObjectAllocationSample that turned out not to count. */
    void unallocated(String className, long weight) {
        sampledBytes -= weight;
        sampledSamples--;
        long[] bytes = allocatedClasses.get(className);
        if (bytes != null && (bytes[0] -= weight) <= 0) {
            allocatedClasses.remove(className);
        }
    }

    /** No sample of any kind. */
    boolean empty() {
        return tlabSamples == 0 && sampledSamples == 0 && live.times.isEmpty() && old.times.isEmpty();
    }

    void survived(String className, long allocationEpochNanos, long size, boolean byAsyncProfiler) {
        Survivors s = byAsyncProfiler ? live : old;
        s.times.add(allocationEpochNanos);
        s.sizes.add(size);
        s.classes.computeIfAbsent(className, c -> new long[1])[0] += Math.max(size, 1);
    }

    /** One kind of survivor samples at a site. */
    static final class Survivors {
        final LongArrayList times = new LongArrayList();
        final LongArrayList sizes = new LongArrayList();
        final Map<String, long[]> classes = new HashMap<>();
    }

    void path(List<RetentionStep> steps) {
        if (steps.size() > path.size()) {
            path = steps; // the longest chain says the most about who holds the site's objects
        }
    }
}
