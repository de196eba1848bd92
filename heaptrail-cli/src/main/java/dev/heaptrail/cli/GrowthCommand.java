package dev.heaptrail.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.heaptrail.heap.internal.ClassNames;
import dev.heaptrail.live.LiveHistogram;
import dev.heaptrail.report.Bytes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "growth", mixinStandardHelpOptions = true,
        description = {"Which classes grow in a running JVM: objgraph's show_growth for Java.",
            "Takes live class histograms over time (each after a full GC in the target: the JVM pauses briefly)",
            "and ranks classes by how many bytes their live instances grew, first to last sample, marking those",
            "that grew at every sample: what keeps growing is what leaks."},
        footer = {"", "Examples:", "  heaptrail growth 12345", "  heaptrail growth 12345 --samples 10 --interval 1m --top 10",
            "  heaptrail growth 12345 --format json | jq '.classes[] | select(.grewEverySample)'",
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
    TextOrJson formatOption;

    @Mixin
    CommonOptions common;

    /** A class across the samples: instances and bytes at each. */
    record Growth(String className, long[] instances, long[] bytes, boolean grewEverySample) {
        long instancesGrowth() {
            return instances[instances.length - 1] - instances[0];
        }

        long bytesGrowth() {
            return bytes[bytes.length - 1] - bytes[0];
        }
    }

    @Override
    public Integer call() throws Exception {
        boolean json = formatOption.json("growth");
        if (samples < 2) {
            throw new UsageException("--samples must be 2 or more, not " + samples);
        }
        if (top < 0) {
            throw new UsageException("--top must be 0 (all) or more, not " + top);
        }
        List<Map<String, long[]>> taken = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            if (i > 0) {
                Thread.sleep(interval.toMillis());
            }
            if (!common.quiet) {
                root.err.printf("heaptrail: sample %d of %d%n", i + 1, samples);
            }
            taken.add(byName(LiveHistogram.of(pid, false)));
        }
        List<Growth> grown = growth(taken);
        List<Growth> shown = top > 0 && grown.size() > top ? grown.subList(0, top) : grown;
        if (json) {
            json(shown, root);
        } else {
            text(shown, grown.size(), root);
        }
        root.out.flush();
        return ExitCodes.OK;
    }

    /** Instances and bytes by class name (classes of one name from several loaders added up). */
    private static Map<String, long[]> byName(LiveHistogram h) {
        Map<String, long[]> m = new LinkedHashMap<>();
        for (LiveHistogram.Row r : h.rows()) {
            long[] v = m.computeIfAbsent(ClassNames.toJava(r.jvmName()), k -> new long[2]);
            v[0] += r.instances();
            v[1] += r.bytes();
        }
        return m;
    }

    /** The classes whose live bytes or instances grew, most bytes grown first. */
    static List<Growth> growth(List<Map<String, long[]>> taken) {
        Map<String, Growth> all = new LinkedHashMap<>();
        for (int s = 0; s < taken.size(); s++) {
            for (Map.Entry<String, long[]> e : taken.get(s).entrySet()) {
                int sample = s;
                Growth g = all.computeIfAbsent(e.getKey(), k -> new Growth(k, new long[taken.size()], new long[taken.size()], false));
                g.instances()[sample] = e.getValue()[0];
                g.bytes()[sample] = e.getValue()[1];
            }
        }
        List<Growth> out = new ArrayList<>();
        for (Growth g : all.values()) {
            boolean every = true;
            for (int s = 1; s < g.instances().length; s++) {
                every &= g.instances()[s] > g.instances()[s - 1];
            }
            Growth full = new Growth(g.className(), g.instances(), g.bytes(), every);
            if (full.bytesGrowth() > 0 || full.instancesGrowth() > 0) {
                out.add(full);
            }
        }
        out.sort(Comparator.comparingLong(Growth::bytesGrowth).reversed()
                .thenComparing(Comparator.comparingLong(Growth::instancesGrowth).reversed())
                .thenComparing(Growth::className));
        return out;
    }

    private void text(List<Growth> shown, int grew, HeaptrailCommand root) {
        root.out.printf("%-60s %12s %12s %12s %14s  %s%n", "class", "instances", "+instances", "bytes", "+bytes", "");
        for (Growth g : shown) {
            root.out.printf("%-60s %12s %12s %12s %14s  %s%n", g.className(), Bytes.count(g.instances()[g.instances().length - 1]),
                    "+" + Bytes.count(g.instancesGrowth()), Bytes.human(g.bytes()[g.bytes().length - 1]),
                    "+" + Bytes.human(g.bytesGrowth()), g.grewEverySample() ? "grew at every sample" : "");
        }
        if (shown.isEmpty()) {
            root.out.println("no class grew between the first and the last sample");
        } else if (shown.size() < grew) {
            root.out.printf("... %d more classes grew (--top 0 shows all)%n", grew - shown.size());
        }
        root.out.printf("%d samples %s apart, live objects only (a full GC in the target before each)%n", samples, interval);
    }

    private void json(List<Growth> shown, HeaptrailCommand root) throws java.io.IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(root.out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeNumberField("pid", pid);
            g.writeNumberField("samples", samples);
            g.writeNumberField("intervalSeconds", interval.toMillis() / 1000.0);
            g.writeArrayFieldStart("classes");
            for (Growth c : shown) {
                g.writeStartObject();
                g.writeStringField("class", c.className());
                g.writeNumberField("instances", c.instances()[c.instances().length - 1]);
                g.writeNumberField("instancesGrowth", c.instancesGrowth());
                g.writeNumberField("bytes", c.bytes()[c.bytes().length - 1]);
                g.writeNumberField("bytesGrowth", c.bytesGrowth());
                g.writeBooleanField("grewEverySample", c.grewEverySample());
                g.writeArrayFieldStart("instancesBySample");
                for (long v : c.instances()) {
                    g.writeNumber(v);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        root.out.println();
    }
}
