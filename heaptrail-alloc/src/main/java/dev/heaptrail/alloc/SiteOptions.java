package dev.heaptrail.alloc;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * How to read a recording into sites.
 *
 * @param groupBy what one site is
 * @param depth   frames kept per stack (the trace of {@link GroupBy#TRACE}, the flame graph's stacks)
 * @param skip    frames to look past, besides the JDK's, when naming a site by line or method; null for none
 * @param filter  keep only sites whose frames match (a frame's "class.method:line"); null for all
 * @param top     sites reported
 * @param minAge  a survivor counts only when it is at least this old at the recording's end, which
 *                leaves out objects still in use by work in flight; null: a tenth of the recording,
 *                between 1 s and 10 s
 */
public record SiteOptions(GroupBy groupBy, int depth, Pattern skip, Pattern filter, int top, Duration minAge) {

    public static SiteOptions defaults() {
        return new SiteOptions(GroupBy.LINE, 64, null, null, 20, null);
    }
}
