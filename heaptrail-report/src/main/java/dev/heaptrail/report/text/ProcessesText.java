package dev.heaptrail.report.text;

import dev.heaptrail.live.RunningProcess;
import dev.heaptrail.report.Bytes;
import dev.heaptrail.report.ProcessesResult;
import dev.heaptrail.report.Renderer;

import java.io.PrintStream;

/** {@code heaptrail ps}: a table like {@code ps aux --sort=-rss}, JVMs with their heap. */
public final class ProcessesText implements Renderer<ProcessesResult> {

    private static final int COMMAND_WIDTH = 80;

    @Override
    public void render(ProcessesResult r, PrintStream out) {
        out.printf("%8s  %-10s %10s %10s  %-32s %-9s %s%n", "PID", "USER", "RSS", "PEAK RSS", "JVM HEAP used / committed / max",
                "JAVA", "COMMAND");
        for (RunningProcess p : r.shown()) {
            String heap = "";
            String java = "";
            if (p.heap() != null) {
                RunningProcess.JvmHeap h = p.heap();
                heap = Bytes.human(h.usedBytes()) + " / " + Bytes.human(h.committedBytes()) + " / "
                        + (h.maxBytes() < 0 ? "none" : Bytes.human(h.maxBytes()));
                java = h.javaVersion();
            } else if (p.jvm()) {
                heap = "(JVM, not attachable)";
            } else if (p.hidden() && p.command().contains("java")) {
                heap = "(" + p.user() + "'s: run as them)";
            }
            String command = p.command().length() > COMMAND_WIDTH ? p.command().substring(0, COMMAND_WIDTH - 3) + "..." : p.command();
            out.printf("%8d  %-10s %10s %10s  %-32s %-9s %s%n", p.pid(), p.user(), Bytes.human(p.rssBytes()),
                    Bytes.human(p.peakRssBytes()), heap, java, command);
        }
        if (r.shown().size() < r.total()) {
            int more = r.total() - r.shown().size();
            out.printf("... %d more process%s (--all shows all, --top N more)%n", more, more == 1 ? "" : "es");
        }
    }
}
