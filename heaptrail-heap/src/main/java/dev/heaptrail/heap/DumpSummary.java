package dev.heaptrail.heap;

import dev.heaptrail.hprof.HprofHeader;
import dev.heaptrail.hprof.HprofReader;
import dev.heaptrail.hprof.HprofStatistics;
import dev.heaptrail.hprof.HprofVisitors;
import dev.heaptrail.hprof.ReadProgress;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code heaptrail info} shows: the file, its header, what it holds, and the JVM that wrote it.
 *
 * @param jvm the JVM's name and version when the dump holds them
 */
public record DumpSummary(Path file, long fileSize, boolean compressed, HprofHeader header,
                          HprofStatistics statistics, ClassHistogram histogram, Optional<String> jvm) {

    /** Reads the whole dump once (does I/O). */
    public static DumpSummary read(HprofReader reader, ReadProgress progress) throws IOException {
        HprofStatistics statistics = new HprofStatistics();
        ClassHistogramBuilder histogram = new ClassHistogramBuilder();
        JvmVersionProbe jvm = new JvmVersionProbe();
        reader.accept(HprofVisitors.tee(statistics, histogram, jvm), progress);
        try (HprofReader again = HprofReader.open(reader.file())) {
            jvm.finish(again);
        }
        return new DumpSummary(reader.file(), reader.fileSize(), reader.compressed(), reader.header(), statistics,
                histogram.result(), jvm.describe());
    }
}
