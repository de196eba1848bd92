package dev.heaptrail.hprof.internal;

import dev.heaptrail.hprof.ReadProgress;

import java.io.IOException;

/** Rate-limits progress reports to a few per second, checking the clock only every few thousand calls. */
final class ProgressTicker {

    private static final long INTERVAL_NANOS = 200_000_000L;

    private final HprofInput in;
    private final ReadProgress progress;
    private int calls;
    private long next = System.nanoTime() + INTERVAL_NANOS;

    ProgressTicker(HprofInput in, ReadProgress progress) {
        this.in = in;
        this.progress = progress;
    }

    void tick() throws IOException {
        if ((++calls & 0xfff) == 0 && progress != ReadProgress.NONE) {
            long now = System.nanoTime();
            if (now >= next) {
                next = now + INTERVAL_NANOS;
                progress.update(in.fileBytesConsumed(), in.fileSize());
            }
        }
    }

    void done() {
        progress.update(in.fileSize(), in.fileSize());
    }
}
