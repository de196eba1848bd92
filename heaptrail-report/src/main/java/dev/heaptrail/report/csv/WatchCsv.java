package dev.heaptrail.report.csv;

import dev.heaptrail.live.watch.JvmMemory;
import dev.heaptrail.live.watch.MemoryWatch;
import dev.heaptrail.live.watch.WatchSample;

import java.time.Instant;
import java.util.Locale;

/** The rows of {@code heaptrail watch --csv FILE}, written as each sample is taken. */
public final class WatchCsv {

    private WatchCsv() {}

    public static String header() {
        return "time,elapsedSeconds,rssBytes,peakRssBytes,heapUsedBytes,heapCommittedBytes,heapMaxBytes,heapAfterGcBytes,"
                + "oldGenAfterGcBytes,metaspaceUsedBytes,metaspaceCommittedBytes,codeCacheUsedBytes,directBufferBytes,"
                + "mappedBufferBytes,threads,gcCount,gcTimeMillis";
    }

    public static String row(MemoryWatch watch, WatchSample s) {
        StringBuilder b = new StringBuilder();
        b.append(Instant.ofEpochMilli(s.epochMillis())).append(',')
                .append(String.format(Locale.ROOT, "%.3f", watch.seconds(s.epochMillis()))).append(',')
                .append(s.rssBytes()).append(',').append(s.peakRssBytes());
        JvmMemory m = s.jvm();
        if (m == null) {
            b.append(",,,,,,,,,,,,,");
        } else {
            for (long v : new long[] {m.heapUsedBytes(), m.heapCommittedBytes(), m.heapMaxBytes(), m.heapAfterGcBytes(),
                m.oldGenAfterGcBytes(), m.metaspaceUsedBytes(), m.metaspaceCommittedBytes(), m.codeCacheUsedBytes(),
                m.directBufferBytes(), m.mappedBufferBytes(), m.threads(), m.gcCount(), m.gcTimeMillis()}) {
                b.append(',').append(v);
            }
        }
        return b.toString();
    }
}
