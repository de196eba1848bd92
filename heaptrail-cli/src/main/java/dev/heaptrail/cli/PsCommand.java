package dev.heaptrail.cli;

import dev.heaptrail.live.JvmProbe;
import dev.heaptrail.live.ProcessTable;
import dev.heaptrail.live.RunningProcess;
import dev.heaptrail.report.ProcessesResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "ps", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = {"Processes by resident memory, JVMs marked with their heap.",
            "Like ps aux --sort=-rss: PID, user, resident and peak resident memory, command line. A process "
                + "that maps libjvm is a JVM; those shown are attached (as their user, when this one may) for heap "
                + "used, committed and max and their Java version. Reads /proc (Linux, or inside a container: its "
                + "processes)."},
        footer = {"", "Examples:", "  heaptrail ps", "  heaptrail ps --top 5 --format json", "  heaptrail ps --all", "  heaptrail ps --pid 4242,4243",
            "", "Exit codes: 0 listed, 2 usage error, 4 no /proc on this system."})
final class PsCommand implements Callable<Integer> {

    /** Per JVM shown: an attach that takes longer is given up (the JVM is listed without its heap). */
    private static final long ATTACH_MILLIS = 5_000;

    @ParentCommand
    HeaptrailCommand root;

    @Option(names = "--all", description = "Every process, not only the largest.")
    boolean all;

    @Option(names = "--pid", split = ",", paramLabel = "PID",
            description = "Only these processes (others are neither listed nor attached to).")
    List<Long> pids;

    @Option(names = "--top", paramLabel = "N", defaultValue = "20", description = "How many of the largest to show (default: ${DEFAULT-VALUE}).")
    int top;

    @Mixin
    FormatOption format = new FormatOption(ProcessesResult.class);

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        if (top < 1) {
            throw new UsageException("--top must be at least 1, not " + top);
        }
        ProcessTable table = new ProcessTable();
        if (!table.available()) {
            throw new EnvironmentException("cannot read /proc: heaptrail ps needs Linux (or a container with /proc mounted)", null);
        }
        List<RunningProcess> every = table.list();
        if (pids != null && !pids.isEmpty()) {
            every = every.stream().filter(p -> pids.contains(p.pid())).toList();
        }
        List<RunningProcess> shown = new ArrayList<>();
        for (RunningProcess p : all ? every : every.subList(0, Math.min(top, every.size()))) {
            shown.add(p.jvm() ? withHeap(p) : p);
        }
        format.render(new ProcessesResult(shown, every.size()), root.out);
        return ExitCodes.OK;
    }

    private static RunningProcess withHeap(RunningProcess p) {
        RunningProcess.JvmHeap heap = p.pid() == ProcessHandle.current().pid() ? own() : JvmProbe.heap(p.pid(), ATTACH_MILLIS);
        return heap == null ? p : p.withHeap(heap);
    }

    /** heaptrail's own JVM, which needs no attach (and may not attach to itself). */
    private static RunningProcess.JvmHeap own() {
        java.lang.management.MemoryUsage heap = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new RunningProcess.JvmHeap(heap.getUsed(), heap.getCommitted(), heap.getMax(), System.getProperty("java.version"));
    }
}
