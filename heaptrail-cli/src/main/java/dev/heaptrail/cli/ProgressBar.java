package dev.heaptrail.cli;

import dev.heaptrail.hprof.ReadProgress;
import dev.heaptrail.report.Bytes;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line bar on stderr: percent of the file read and throughput. Cleared when done. */
final class ProgressBar implements ReadProgress {

    private static final int WIDTH = 30;

    private final PrintStream err;
    private final String label;
    private final long started = System.nanoTime();
    private boolean drawn;

    ProgressBar(PrintStream err, String label) {
        this.err = err;
        this.label = label;
    }

    /** A bar when stderr is a terminal and not silenced, else nothing. */
    static ReadProgress forTerminal(PrintStream err, String label, boolean quiet) {
        return quiet || !Terminal.stderrIsTerminal() ? ReadProgress.NONE : new ProgressBar(err, label);
    }

    @Override
    public void update(long done, long total) {
        if (done >= total) {
            clear();
            return;
        }
        double fraction = total <= 0 ? 0 : (double) done / total;
        int filled = (int) (fraction * WIDTH);
        double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
        String bar = "=".repeat(filled) + (filled < WIDTH ? ">" : "") + " ".repeat(Math.max(0, WIDTH - filled - 1));
        err.printf(Locale.ROOT, "\r%s [%s] %3d%%  %s / %s  %s/s ", label, bar, (int) (fraction * 100),
                Bytes.human(done), Bytes.human(total), Bytes.human((long) (done / seconds)));
        err.flush();
        drawn = true;
    }

    private void clear() {
        if (drawn) {
            err.print("\r\033[K");
            err.flush();
            drawn = false;
        }
    }
}
