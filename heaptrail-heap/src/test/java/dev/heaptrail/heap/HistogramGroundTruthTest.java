package dev.heaptrail.heap;

import dev.heaptrail.hprof.HprofReader;
import dev.heaptrail.hprof.ReadProgress;
import dev.heaptrail.testkit.Jdks;
import dev.heaptrail.testkit.JvmHistogram;
import dev.heaptrail.testkit.KnownHeap;
import dev.heaptrail.testkit.KnownHeapDump;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The histogram read from a dump must agree with the histogram the JVM itself took just before
 * dumping, on JDK 17 and 25 and under layouts that change object sizes.
 */
class HistogramGroundTruthTest {

    static Stream<Arguments> jvms() {
        return Stream.of(
                Arguments.of(17, List.of(), false),
                Arguments.of(17, List.of("-Xshare:off"), false),
                Arguments.of(17, List.of("-XX:-UseCompressedOops"), false),
                Arguments.of(17, List.of("-XX:-UseCompressedClassPointers"), false),
                Arguments.of(17, List.of("-XX:ObjectAlignmentInBytes=16"), false),
                Arguments.of(17, List.of("-XX:+UseParallelGC"), true),
                Arguments.of(25, List.of(), false),
                Arguments.of(25, List.of("-XX:+UseCompactObjectHeaders"), false),
                Arguments.of(25, List.of("-XX:-UseCompressedOops", "-XX:+UseSerialGC"), false),
                Arguments.of(25, List.of("-XX:-UseCompressedClassPointers"), true));
    }

    @ParameterizedTest(name = "JDK {0} {1} gz={2}")
    @MethodSource("jvms")
    void matchesTheJvmsOwnHistogram(int jdk, List<String> options, boolean gz) throws Exception {
        Optional<Path> java = jdk == 17 ? Optional.of(Jdks.current()) : Jdks.find(jdk);
        Assumptions.assumeTrue(java.isPresent(), "no JDK " + jdk + " installed");
        // The JVM's own threads (a cleaner, the attach listener) may allocate between its histogram
        // and the dump. The reader is deterministic: a wrong reading fails every attempt.
        AssertionError failed = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                check(java.get(), jdk, options, gz);
                return;
            } catch (AssertionError e) {
                failed = e;
            }
        }
        throw failed;
    }

    private void check(Path java, int jdk, List<String> options, boolean gz) throws Exception {
        String name = "jdk" + jdk + String.join("", options).replaceAll("[^A-Za-z0-9]", "_") + (gz ? "-gz" : "");
        Path dir = Path.of("target", "dumps", name);
        List<String> jvmOptions = new ArrayList<>(List.of("-Xmx256m"));
        jvmOptions.addAll(options);
        KnownHeapDump.Result dumped = KnownHeapDump.create(java, jvmOptions, dir, gz);
        JvmHistogram truth = JvmHistogram.parse(dumped.histogram());
        ClassHistogram ours;
        try (HprofReader reader = HprofReader.open(dumped.dump())) {
            ours = ClassHistogramBuilder.build(reader, ReadProgress.NONE);
        }
        Map<String, ClassHistogram.Row> byName = new HashMap<>();
        for (ClassHistogram.Row r : ours.rows()) {
            byName.merge(r.className(), r, (a, b) -> new ClassHistogram.Row(a.className(), a.classId(),
                    a.instances() + b.instances(), a.shallowBytes() + b.shallowBytes()));
        }
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (JvmHistogram.Row t : fillersAsIntArrays(truth.rows())) {
            if (t.instances() < 10) {
                continue;
            }
            compared++;
            ClassHistogram.Row o = byName.get(t.className());
            if (o == null || o.instances() != t.instances() || Math.abs(o.shallowBytes() - t.bytes()) > t.bytes() / 100) {
                mismatches.add(t + " vs " + o);
            }
        }
        String report = "layout " + ours.layout().describe() + "; mismatches " + mismatches.size() + "/" + compared + ":\n"
                + String.join("\n", mismatches);
        assertThat(mismatches.size()).as(report).isLessThanOrEqualTo(compared / 20);
        List<String> exact = new ArrayList<>(List.of("byte[]", "java.lang.String", "int[]", "long[]", "java.lang.Object[]"));
        if (options.contains("-Xshare:off")) {
            exact.add("java.lang.Class"); // with CDS on, the JVM counts archived mirrors of classes never loaded; the dump skips them
        }
        for (String must : exact) {
            assertThat(mismatches).as(report).noneMatch(m -> m.startsWith("Row[className=" + must + ","));
        }
        for (Map.Entry<String, Integer> e : KnownHeap.EXPECTED.entrySet()) {
            JvmHistogram.Row t = truth.rows().stream().filter(r -> r.className().equals(e.getKey())).findFirst().orElseThrow();
            ClassHistogram.Row o = byName.get(e.getKey());
            assertThat(o).as(e.getKey()).isNotNull();
            assertThat(o.instances()).as(e.getKey()).isEqualTo(e.getValue().longValue()).isEqualTo(t.instances());
            assertThat(o.shallowBytes()).as(e.getKey() + " bytes; " + report).isEqualTo(t.bytes());
        }
        assertThat((double) ours.totalBytes()).as("total bytes; " + report)
                .isCloseTo(truth.totalBytes(), org.assertj.core.data.Percentage.withPercentage(3));
    }

    /**
     * JDK 21+ fills heap gaps with {@code FillerElement[]} objects, which its histogram lists apart
     * but its dumper writes as {@code int[]}: compare the dump's int[] with both together.
     */
    private static List<JvmHistogram.Row> fillersAsIntArrays(List<JvmHistogram.Row> rows) {
        long fillers = 0;
        long fillerBytes = 0;
        List<JvmHistogram.Row> out = new ArrayList<>();
        for (JvmHistogram.Row r : rows) {
            if (r.className().equals("jdk.internal.vm.FillerElement[]")) {
                fillers += r.instances();
                fillerBytes += r.bytes();
            } else {
                out.add(r);
            }
        }
        for (int i = 0; i < out.size(); i++) {
            JvmHistogram.Row r = out.get(i);
            if (r.className().equals("int[]")) {
                out.set(i, new JvmHistogram.Row("int[]", r.instances() + fillers, r.bytes() + fillerBytes));
            }
        }
        return out;
    }
}
