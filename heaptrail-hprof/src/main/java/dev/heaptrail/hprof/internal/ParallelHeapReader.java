package dev.heaptrail.hprof.internal;

import dev.heaptrail.hprof.HprofFormatException;
import dev.heaptrail.hprof.HprofVisitor;
import dev.heaptrail.hprof.ReadProgress;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Parses the heap dump segments of a plain file on several threads: each worker takes a
 * contiguous run of segments, with its own file channel and buffer, and feeds its own visitor.
 * When workers fail, the error nearest the start of the file is reported, so the message does
 * not depend on thread timing.
 */
public final class ParallelHeapReader {

    private ParallelHeapReader() {}

    public static void read(Path file, int idSize, List<long[]> segments, List<? extends HprofVisitor> workers,
                            long preludeBytes, long fileSize, ReadProgress progress) throws IOException {
        List<List<long[]>> parts = split(segments, workers.size());
        AtomicLong done = new AtomicLong(preludeBytes);
        ExecutorService pool = Executors.newFixedThreadPool(workers.size(), r -> {
            Thread t = new Thread(r, "heaptrail-reader");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < workers.size(); i++) {
                HprofVisitor visitor = workers.get(i);
                List<long[]> part = parts.get(i);
                // One worker reports progress for all: the shared count covers everyone's finished segments.
                ReadProgress report = i == 0 ? progress : ReadProgress.NONE;
                futures.add(pool.submit(() -> {
                    work(file, idSize, part, visitor, done, new ProgressTicker(done::get, fileSize, report));
                    return null;
                }));
            }
            rethrowFirst(futures);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void work(Path file, int idSize, List<long[]> part, HprofVisitor visitor, AtomicLong done,
                             ProgressTicker ticker) throws IOException {
        try (HprofInput in = HprofInput.open(file)) {
            in.idSize(idSize);
            HeapDumpParser parser = new HeapDumpParser(in, visitor);
            for (long[] segment : part) {
                in.seek(segment[0]);
                parser.parse(segment[0] + segment[1], ticker);
                done.addAndGet(segment[1]);
            }
        }
    }

    /** Contiguous runs of segments with about the same number of bytes each. */
    static List<List<long[]>> split(List<long[]> segments, int n) {
        long total = 0;
        for (long[] s : segments) {
            total += s[1];
        }
        List<List<long[]>> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            parts.add(new ArrayList<>());
        }
        long seen = 0;
        for (long[] s : segments) {
            int part = total == 0 ? 0 : (int) Math.min(n - 1, seen * n / total);
            parts.get(part).add(s);
            seen += s[1];
        }
        return parts;
    }

    private static void rethrowFirst(List<Future<?>> futures) throws IOException {
        Throwable first = null;
        long firstOffset = Long.MAX_VALUE;
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                long offset = cause instanceof HprofFormatException h ? h.offset() : Long.MAX_VALUE - 1;
                if (first == null || offset < firstOffset) {
                    first = cause;
                    firstOffset = offset;
                }
            }
        }
        if (first instanceof IOException io) {
            throw io;
        }
        if (first instanceof RuntimeException re) {
            throw re;
        }
        if (first instanceof Error err) {
            throw err;
        }
    }
}
