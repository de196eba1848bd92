package dev.heaptrail.report.text;

import dev.heaptrail.live.trend.Verdict;
import dev.heaptrail.live.watch.JvmMemory;
import dev.heaptrail.live.watch.MemoryWatch;
import dev.heaptrail.live.watch.WatchSample;
import dev.heaptrail.report.Bytes;

import java.util.Locale;

/** The line {@code heaptrail watch} prints on stderr as each sample is taken, before any result exists. */
public final class WatchLine {

    private WatchLine() {}

    /** One line for a sample, with the verdict so far. */
    public static String of(MemoryWatch watch, WatchSample s, Verdict soFar) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%7s  rss %9s", clock(watch.seconds(s.epochMillis())), Bytes.human(s.rssBytes())));
        JvmMemory m = s.jvm();
        if (m != null) {
            b.append("  heap ").append(Bytes.human(m.heapUsedBytes())).append(" / ").append(Bytes.human(m.heapCommittedBytes()));
            b.append("  after GC ").append(m.heapAfterGcBytes() < 0 ? "-" : Bytes.human(m.heapAfterGcBytes()));
            b.append("  meta ").append(Bytes.human(m.metaspaceUsedBytes()));
            b.append("  buffers ").append(Bytes.human(m.directBufferBytes() + m.mappedBufferBytes()));
            b.append("  threads ").append(m.threads());
            b.append("  gc ").append(m.gcCount());
        }
        b.append("  [").append(soFar.label()).append(']');
        return b.toString();
    }

    /** Elapsed time as a clock: 0:05, 12:30, 1:02:03. */
    static String clock(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return s < 3600 ? String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
