package dev.heaptrail.cli;

import dev.heaptrail.live.AttachFailedException;
import dev.heaptrail.live.JvmConnection;
import dev.heaptrail.live.MemoryBreakdown;
import dev.heaptrail.live.NativeMemory;
import dev.heaptrail.live.ProcessTable;
import dev.heaptrail.live.watch.JvmMemory;
import dev.heaptrail.live.watch.JvmSampler;
import dev.heaptrail.report.NativeResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "native", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = {"Where a running JVM's memory goes beyond its heap.",
            "With Native Memory Tracking (started with -XX:NativeMemoryTracking=summary): reserved and "
                + "committed bytes of every category the JVM tracks (Java Heap, Class, Thread, Code, GC, Other...); "
                + "--baseline records them in the JVM, a later --diff shows what changed since, largest growth "
                + "first. With tracking on or off: the resident memory (RSS) split into heap, metaspace, code "
                + "cache, thread stacks (an estimate), direct and mapped buffers, and the rest that none of them "
                + "explains."},
        footer = {"", "Examples:", "  heaptrail native 12345",
            "  heaptrail native 12345 --baseline",
            "  heaptrail native 12345 --diff       (later: what grew since the baseline)",
            "  heaptrail native 12345 --format json | jq '.breakdown'",
            "  heaptrail native 12345 --format html > native.html",
            "", "Exit codes: 0 shown, 2 usage error, 4 no such process, not a JVM, attach",
            "  refused, --baseline or --diff without tracking, --diff without a baseline."})
final class NativeCommand implements Callable<Integer> {

    static final String ENABLE = "restart it with -XX:NativeMemoryTracking=summary to see all of its native memory"
            + " by category (tracking costs a few percent of speed and memory)";

    @ParentCommand
    HeaptrailCommand root;

    @Parameters(paramLabel = "PID", description = "The process id of a running JVM.")
    long pid;

    @ArgGroup(exclusive = true)
    Mode mode = new Mode();

    static final class Mode {
        @Option(names = "--baseline", description = "Record the native memory now, in the JVM, for a later --diff.")
        boolean baseline;

        @Option(names = "--diff", description = "Show each category's change since the --baseline, largest growth first.")
        boolean diff;
    }

    @Mixin
    FormatOption format = new FormatOption(NativeResult.class);

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        NativeMemory.Summary nmt = null;
        String advice = null;
        MemoryBreakdown breakdown;
        try (JvmConnection jvm = JvmConnection.to(pid)) {
            NativeMemory tracking = new NativeMemory(jvm.server(), pid);
            boolean on = tracking.tracking();
            if (!on && (mode.baseline || mode.diff)) {
                throw new AttachFailedException((mode.baseline ? "--baseline" : "--diff") + " needs Native Memory Tracking,"
                        + " which is off in process " + pid + ": " + ENABLE, null);
            }
            if (mode.baseline) {
                tracking.baseline();
                advice = "baseline recorded in process " + pid + ": run 'heaptrail native " + pid
                        + " --diff' later to see what grew since";
            }
            if (mode.diff) {
                nmt = tracking.diff().orElseThrow(() -> new AttachFailedException("process " + pid
                        + " has no native memory baseline: run 'heaptrail native " + pid + " --baseline' first,"
                        + " then --diff later", null)).byGrowth();
            } else if (on) {
                nmt = tracking.summary();
            } else {
                advice = "native memory tracking is off in this JVM: " + ENABLE + "; until then, the breakdown shows what"
                        + " its management beans account for";
            }
            breakdown = breakdown(jvm);
        }
        format.render(new NativeResult(pid, breakdown, nmt, advice), root.out);
        return ExitCodes.OK;
    }

    /** The JVM's figures and its RSS read one right after the other, so that they add up as closely as they can. */
    private MemoryBreakdown breakdown(JvmConnection jvm) throws Exception {
        JvmSampler sampler = new JvmSampler(jvm.server());
        long stackSize = sampler.threadStackSizeBytes();
        JvmMemory memory = sampler.read().memory();
        ProcessTable.Resident resident = new ProcessTable().resident(pid);
        if (resident == null) {
            throw new AttachFailedException("process " + pid + " exited while it was read", null);
        }
        return MemoryBreakdown.of(resident.rssBytes(), memory, stackSize);
    }
}
