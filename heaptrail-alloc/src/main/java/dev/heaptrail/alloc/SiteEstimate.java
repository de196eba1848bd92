package dev.heaptrail.alloc;

import java.util.Map;

/**
 * The estimates for one site (or one flame-graph stack) from its {@link SiteTally}.
 *
 * <p>Why these estimates. A sampling profiler takes a sample about every N bytes a thread allocates,
 * so each sample stands for N bytes allocated at its stack (the event's weight says N). A survivor
 * sample is a sample whose object was still alive at the end; it stands for the same N bytes, of
 * which the sampled object is one: so the surviving bytes at a site are its survivor samples times
 * the site's bytes per sample, and the objects those bytes divided by the objects' size. Survivors
 * younger than {@code minAge} are left out: a full collection before the end removes garbage, but
 * not objects that work in flight still uses; a leak's objects are of every age.
 *
 * <p>JFR's old-object sampler does not record what its samples stand for (and keeps at most 256,
 * favouring recent ones), so its survivors are counted as the sampled objects themselves: their
 * number ranks the sites, their size is known only from JDK 25 (and for arrays, from the length).
 */
record SiteEstimate(Long survivingBytes, Long survivingObjects, long survivorSamples, double rankKey,
                    long allocatedBytes, long allocationSamples, String topClass) {

    /**
     * @param survivorsFrom  which survivors count (async-profiler's, the JDK's, or none)
     * @param tlabFamily     allocation samples are the TLAB events (else jdk.ObjectAllocationSample)
     * @param meanWeight     bytes per allocation sample over the whole recording, for a site with none
     * @param oldestBirth    survivors born after this (epoch nanos) are too young to count
     */
    static SiteEstimate of(SiteTally t, SurvivorKind survivorsFrom, boolean tlabFamily, double meanWeight,
                           long oldestBirth) {
        long allocated = tlabFamily ? t.tlabBytes : t.sampledBytes;
        long allocationSamples = tlabFamily ? t.tlabSamples : t.sampledSamples;
        SiteTally weighed = t.site != null ? t.site : t;
        long weighedBytes = tlabFamily ? weighed.tlabBytes : weighed.sampledBytes;
        long weighedSamples = tlabFamily ? weighed.tlabSamples : weighed.sampledSamples;
        double weight = weighedSamples > 0 ? (double) weighedBytes / weighedSamples : meanWeight;
        String allocatedTop = top(t.allocatedClasses);
        return switch (survivorsFrom) {
            case NONE -> new SiteEstimate(null, null, 0, allocated, allocated, allocationSamples, allocatedTop);
            case ASYNC_PROFILER -> {
                SiteTally.Survivors s = t.live;
                double bytes = 0;
                double objects = 0;
                long counted = 0;
                for (int i = 0; i < s.times.size(); i++) {
                    if (s.times.getLong(i) > oldestBirth) {
                        continue;
                    }
                    long size = Math.max(1, s.sizes.getLong(i));
                    double stands = Math.max(size, weight);
                    bytes += stands;
                    objects += stands / size;
                    counted++;
                }
                yield new SiteEstimate(Math.round(bytes), Math.round(objects), counted, bytes, allocated,
                        allocationSamples, counted > 0 ? top(s.classes) : allocatedTop);
            }
            case JFR -> {
                SiteTally.Survivors s = t.old;
                long bytes = 0;
                boolean sizesKnown = true;
                long counted = 0;
                for (int i = 0; i < s.times.size(); i++) {
                    if (s.times.getLong(i) > oldestBirth) {
                        continue;
                    }
                    long size = s.sizes.getLong(i);
                    sizesKnown &= size >= 0;
                    bytes += Math.max(0, size);
                    counted++;
                }
                yield new SiteEstimate(sizesKnown ? bytes : null, counted, counted, counted, allocated,
                        allocationSamples, counted > 0 ? top(s.classes) : allocatedTop);
            }
        };
    }

    /** Whose survivor samples a recording's estimates rest on. */
    enum SurvivorKind { NONE, ASYNC_PROFILER, JFR }

    private static String top(Map<String, long[]> classes) {
        String best = null;
        long most = -1;
        for (Map.Entry<String, long[]> e : classes.entrySet()) {
            long bytes = e.getValue()[0];
            if (bytes > most || (bytes == most && e.getKey().compareTo(best) < 0)) {
                best = e.getKey();
                most = bytes;
            }
        }
        return best;
    }
}
