package dev.heaptrail.hprof.internal;

import dev.heaptrail.hprof.ReadProgress;

import java.io.IOException;

/** Rate-limits progress reports to a few per second, checking the clock only every few thousand calls. */
public final class ProgressTicker {

    private static final long INTERVAL_NANOS = 200_000_000L;

    /** Bytes of the file done so far; may do I/O. */
    public interface BytesDone {
        long get() throws IOException;
    }

    private final BytesDone done;
    private final long total;
    private final ReadProgress progress;
    private int calls;
    private long next = System.nanoTime() + INTERVAL_NANOS;

    public ProgressTicker(BytesDone done, long total, ReadProgress progress) {
        this.done = done;
        this.total = total;
        this.progress = progress;
    }

    void tick() throws IOException {
        if ((++calls & 0xfff) == 0 && progress != ReadProgress.NONE) {
            long now = System.nanoTime();
            if (now >= next) {
                next = now + INTERVAL_NANOS;
                progress.update(done.get(), total);
            }
        }
    }

    void done() {
        progress.update(total, total);
    }
}
