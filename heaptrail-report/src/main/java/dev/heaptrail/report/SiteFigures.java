package dev.heaptrail.report;

import dev.heaptrail.alloc.AllocationReport;
import dev.heaptrail.alloc.AllocationSite;

import java.util.Locale;

/**
 * A site's figures as people read them, the same in text and HTML: a figure the recording cannot
 * give is {@value #UNKNOWN}, never 0.
 */
public final class SiteFigures {

    /** What an unknown figure prints as. */
    public static final String UNKNOWN = "?";

    /** Said whenever a recording has no survivor samples: the ranking cannot be by what survives. */
    public static final String NO_SURVIVOR_SAMPLES = "no survivor samples in this recording (no jdk.OldObjectSample or"
            + " async-profiler live-object events): surviving bytes are unknown, and sites are ranked by allocation rate only";

    private SiteFigures() {}

    /** The site's innermost frame, "com.shop.Cart.add:42". */
    public static String name(AllocationSite s) {
        return s.frames().isEmpty() ? UNKNOWN : s.frames().get(0).describe();
    }

    public static String surviving(AllocationSite s) {
        return s.survivingBytes() == null ? UNKNOWN : Bytes.human(s.survivingBytes());
    }

    public static String objects(AllocationSite s) {
        return s.survivingObjects() == null ? UNKNOWN : Bytes.count(s.survivingObjects());
    }

    public static String samples(AllocationSite s) {
        return Bytes.count(s.samples());
    }

    /** The allocation rate, "114 MiB/s". */
    public static String rate(AllocationSite s) {
        return s.allocatedBytesPerSecond() == null ? UNKNOWN : Bytes.human(Math.round(s.allocatedBytesPerSecond())) + "/s";
    }

    public static String topClass(AllocationSite s) {
        return s.topClass() == null ? UNKNOWN : s.topClass();
    }

    /** The change of surviving bytes under a comparison, "+1.50 MiB" or "-300 B"; empty without one. */
    public static String growth(AllocationSite s) {
        if (s.growth() == null) {
            return "";
        }
        Long bytes = s.growth().survivingBytes();
        if (bytes == null) {
            return UNKNOWN;
        }
        return (bytes < 0 ? "-" : "+") + Bytes.human(Math.abs(bytes));
    }

    public static String duration(AllocationReport r) {
        return r.durationSeconds() == null ? UNKNOWN : String.format(Locale.ROOT, "%.1f s", r.durationSeconds());
    }

    public static String jvm(AllocationReport r) {
        return r.jvm() == null ? UNKNOWN : r.jvm();
    }

    /** How the sites are ranked, in one sentence. */
    public static String ranking(AllocationReport r) {
        if (r.comparedTo() != null) {
            return "sites ranked by growth of estimated surviving bytes since " + r.comparedTo();
        }
        return r.survivorSamples()
                ? "sites ranked by estimated surviving bytes: allocated there and still alive at the end of the recording"
                : "sites ranked by allocation rate";
    }
}
