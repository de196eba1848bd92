package dev.heaptrail.cli;

import dev.heaptrail.live.trend.Verdict;
import dev.heaptrail.live.watch.GcFloor;
import dev.heaptrail.live.watch.JvmMemory;
import dev.heaptrail.live.watch.MemoryLimits;
import dev.heaptrail.live.watch.MemoryWatch;
import dev.heaptrail.live.watch.WatchSample;
import dev.heaptrail.live.watch.WatchVerdict;
import dev.heaptrail.report.WatchResult;
import dev.heaptrail.report.csv.WatchCsv;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The samples a watch saved with {@code --csv FILE}, read back for {@code heaptrail watch --from
 * FILE} and judged by the same {@link MemoryWatch} a live watch uses.
 *
 * <p>The CSV keeps less than the watch saw: the heap after the latest collection per sample, not
 * every collection; not whether a collection freed old-generation space (taken here as the old
 * generation after it being lower than after the previous one, which can only miss some); not the
 * process's memory limit, MaxMetaspaceSize, MaxDirectMemorySize (taken as the JDK's default, the
 * heap's maximum) nor the code cache's committed size (taken as its used size). The verdict says so
 * in a note.
 */
final class SavedWatch {

    static final int FIELDS = WatchCsv.header().split(",").length;

    private SavedWatch() {}

    /** The watch saved in {@code file}, judged; a {@link BadInputException} naming the line when it is not one. */
    static WatchResult read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw bad(file, 1, "empty");
            }
            if (!header.replace("\uFEFF", "").equals(WatchCsv.header())) {
                throw bad(file, 1, "not the header " + WatchCsv.header().substring(0, 30) + "...");
            }
            int lineNumber = 1;
            for (String line; (line = in.readLine()) != null; ) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                Row r = row(file, lineNumber, line);
                if (!rows.isEmpty()) {
                    Row previous = rows.get(rows.size() - 1);
                    if (r.epochMillis < previous.epochMillis) {
                        throw bad(file, lineNumber, "taken before the row above it");
                    }
                    if ((r.jvm == null) != (previous.jvm == null)) {
                        throw bad(file, lineNumber, r.jvm == null ? "no JVM figures, unlike the rows above it"
                                : "JVM figures, unlike the rows above it");
                    }
                }
                rows.add(r);
            }
            if (rows.isEmpty()) {
                throw bad(file, lineNumber + 1, "no samples after the header");
            }
        }
        return judge(file, rows);
    }

    private static WatchResult judge(Path file, List<Row> rows) {
        Row first = rows.get(0);
        long start = first.epochMillis - Math.round(first.elapsedSeconds * 1000);
        boolean jvm = first.jvm != null;
        long heapMax = jvm ? first.jvm.heapMaxBytes() : -1;
        MemoryWatch.Target target = new MemoryWatch.Target(0, jvm, new MemoryLimits(0, "the process's memory limit"),
                heapMax, -1, heapMax, false);
        List<WatchSample> samples = samples(rows);
        MemoryWatch watch = new MemoryWatch(target, start);
        samples.forEach(watch::add);
        WatchVerdict verdict = watch.verdict();
        Double leakSince = null;
        if (verdict.verdict() == Verdict.LEAK) {
            // as a live watch says it: since when the verdict on the samples so far has stayed a leak
            MemoryWatch replay = new MemoryWatch(target, start);
            for (WatchSample s : samples) {
                replay.add(s);
                if (replay.verdict().verdict() == Verdict.LEAK) {
                    leakSince = leakSince == null ? replay.seconds(s.epochMillis()) : leakSince;
                } else {
                    leakSince = null;
                }
            }
        }
        List<String> notes = new ArrayList<>(verdict.notes());
        notes.add("judged from samples saved in " + file + ", which keep less than a live watch sees: one heap floor per"
                + " sample, not every collection; whether it freed old-generation space only when the old generation"
                + " shrank; no process memory limit, MaxMetaspaceSize or MaxDirectMemorySize (taken as -Xmx)");
        WatchVerdict withNote = new WatchVerdict(verdict.verdict(), verdict.growingIn(), verdict.lead(), verdict.areas(),
                notes);
        return new WatchResult(watch, withNote, new WatchResult.Ending("read from " + file, interval(rows), leakSince));
    }

    /**
     * The samples as the watch took them. A collection shows as the count rising between two rows:
     * one floor then, the heap after the latest collection, at the row's time (a live watch has each
     * collection's own end time). The first row's floor is from before the watch, as a live watch
     * would skip it too.
     */
    private static List<WatchSample> samples(List<Row> rows) {
        List<WatchSample> out = new ArrayList<>(rows.size());
        Row previous = null;
        long lastOld = -1;
        for (Row r : rows) {
            List<GcFloor> gcs = List.of();
            JvmMemory m = r.jvm;
            if (m != null && previous != null && m.gcCount() > previous.jvm.gcCount() && m.heapAfterGcBytes() >= 0) {
                boolean reclaimed = m.oldGenAfterGcBytes() < 0 || lastOld >= 0 && m.oldGenAfterGcBytes() < lastOld;
                gcs = List.of(new GcFloor(r.epochMillis, m.heapAfterGcBytes(), m.oldGenAfterGcBytes(), reclaimed, false));
            }
            if (m != null && m.oldGenAfterGcBytes() >= 0) {
                lastOld = m.oldGenAfterGcBytes();
            }
            out.add(new WatchSample(r.epochMillis, r.rssBytes, r.peakRssBytes, m, gcs));
            previous = r;
        }
        return out;
    }

    /** The median time between samples, in seconds (0 for one sample). */
    private static double interval(List<Row> rows) {
        if (rows.size() < 2) {
            return 0;
        }
        double[] gaps = new double[rows.size() - 1];
        for (int i = 1; i < rows.size(); i++) {
            gaps[i - 1] = (rows.get(i).epochMillis - rows.get(i - 1).epochMillis) / 1000.0;
        }
        Arrays.sort(gaps);
        return gaps[gaps.length / 2];
    }

    private record Row(long epochMillis, double elapsedSeconds, long rssBytes, long peakRssBytes, JvmMemory jvm) {}

    private static Row row(Path file, int lineNumber, String line) throws BadInputException {
        String[] f = line.split(",", -1);
        if (f.length != FIELDS) {
            throw bad(file, lineNumber, f.length + " fields, " + FIELDS + " expected (a truncated or foreign row)");
        }
        String column = WatchCsv.header().split(",")[0];
        try {
            long epoch = Instant.parse(f[0]).toEpochMilli();
            column = "elapsedSeconds";
            double elapsed = Double.parseDouble(f[1]);
            if (!Double.isFinite(elapsed)) {
                throw new NumberFormatException(f[1]);
            }
            String[] names = WatchCsv.header().split(",");
            long[] v = new long[FIELDS];
            boolean jvm = !f[4].isEmpty();
            for (int i = 2; i < FIELDS; i++) {
                column = names[i];
                if (i >= 4 && !jvm) {
                    if (!f[i].isEmpty()) {
                        throw new NumberFormatException("a JVM figure without the heap's");
                    }
                    continue;
                }
                v[i] = Long.parseLong(f[i]);
            }
            JvmMemory m = jvm ? new JvmMemory(v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[11], v[12], v[13],
                    Math.toIntExact(v[14]), v[15], v[16]) : null;
            return new Row(epoch, elapsed, v[2], v[3], m);
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            throw bad(file, lineNumber, "no number in column " + column + " ('" + shorten(e.getMessage()) + "')");
        }
    }

    private static String shorten(String s) {
        String one = String.valueOf(s).lines().findFirst().orElse("");
        return one.length() > 60 ? one.substring(0, 57) + "..." : one;
    }

    private static BadInputException bad(Path file, int lineNumber, String what) {
        return new BadInputException(file + " at line " + lineNumber + ": " + what + ": not a CSV saved by heaptrail watch"
                + " --csv FILE", null);
    }
}
