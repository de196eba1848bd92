package dev.heaptrail.cli;

import dev.heaptrail.heap.JavaClassNames;
import dev.heaptrail.live.LiveHistogram;
import dev.heaptrail.report.GrowthResult;
import dev.heaptrail.report.GrowthResult.ClassGrowth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "growth", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = {"Which classes grow in a running JVM: objgraph's show_growth for Java.",
            "Takes live class histograms over time (each after a full GC in the target: the JVM pauses "
                + "briefly) and ranks classes by how many bytes their live instances grew, first to last sample, "
                + "marking those that grew at every sample: what keeps growing is what leaks."},
        footer = {"", "Examples:", "  heaptrail growth 12345", "  heaptrail growth 12345 --samples 10 --interval 1m --top 10",
            "  heaptrail growth 12345 --format json | jq '.classes[] | select(.grewEverySample)'",
            "  heaptrail growth 12345 --format html > growth.html",
            "", "Exit codes: 0 measured, 2 usage error, 4 no such process, not a JVM, or attach refused."})
final class GrowthCommand implements Callable<Integer> {

    @ParentCommand
    HeaptrailCommand root;

    @Parameters(paramLabel = "PID", description = "The process id of a running JVM.")
    long pid;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "5", description = "Histograms to take, 2 or more (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "Time between them, e.g. 500ms, 30s, 5m (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--top", paramLabel = "N", defaultValue = "20", description = "Classes shown, 0 for all that grew (default: ${DEFAULT-VALUE}).")
    int top;

    @Mixin
    FormatOption format = new FormatOption(GrowthResult.class);

    @Mixin
    CommonOptions common;

    /** A class's live instances and bytes in one histogram (classes of one name from several loaders added up). */
    record Count(long instances, long bytes) {
        Count plus(long moreInstances, long moreBytes) {
            return new Count(instances + moreInstances, bytes + moreBytes);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (samples < 2) {
            throw new UsageException("--samples must be 2 or more, not " + samples);
        }
        if (top < 0) {
            throw new UsageException("--top must be 0 (all) or more, not " + top);
        }
        List<Map<String, Count>> taken = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            if (i > 0) {
                Thread.sleep(interval.toMillis());
            }
            if (!common.quiet) {
                root.err.printf("heaptrail: sample %d of %d%n", i + 1, samples);
            }
            taken.add(byName(LiveHistogram.of(pid, false)));
        }
        List<ClassGrowth> grown = growth(taken);
        List<ClassGrowth> shown = top > 0 && grown.size() > top ? grown.subList(0, top) : grown;
        format.render(new GrowthResult(pid, samples, interval, shown, grown.size()), root.out);
        return ExitCodes.OK;
    }

    /** Instances and bytes by class name, as Java spells it. */
    private static Map<String, Count> byName(LiveHistogram h) {
        Map<String, Count> m = new LinkedHashMap<>();
        for (LiveHistogram.Row r : h.rows()) {
            m.merge(JavaClassNames.fromJvm(r.jvmName()), new Count(r.instances(), r.bytes()),
                    (a, b) -> a.plus(b.instances(), b.bytes()));
        }
        return m;
    }

    /** The classes whose live bytes or instances grew, most bytes grown first. */
    static List<ClassGrowth> growth(List<Map<String, Count>> taken) {
        Set<String> names = new LinkedHashSet<>();
        taken.forEach(sample -> names.addAll(sample.keySet()));
        List<ClassGrowth> out = new ArrayList<>();
        for (String name : names) {
            long[] instances = new long[taken.size()];
            long[] bytes = new long[taken.size()];
            boolean every = true;
            for (int s = 0; s < taken.size(); s++) {
                Count c = taken.get(s).getOrDefault(name, new Count(0, 0));
                instances[s] = c.instances();
                bytes[s] = c.bytes();
                every &= s == 0 || instances[s] > instances[s - 1];
            }
            ClassGrowth g = new ClassGrowth(name, instances, bytes, every);
            if (g.bytesGrowth() > 0 || g.instancesGrowth() > 0) {
                out.add(g);
            }
        }
        out.sort(Comparator.comparingLong(ClassGrowth::bytesGrowth).reversed()
                .thenComparing(Comparator.comparingLong(ClassGrowth::instancesGrowth).reversed())
                .thenComparing(ClassGrowth::className));
        return out;
    }
}
