package dev.heaptrail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import dev.heaptrail.testkit.ChildProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code heaptrail watch} on real processes with known memory behaviour, each watched for half a
 * minute or less (the tests run side by side: they mostly wait).
 */
@Execution(ExecutionMode.CONCURRENT)
class WatchCommandTest {

    static final double MB = 1 << 20;
    static final long HEAP_MAX = 256L << 20;

    /**
     * Starts a {@link WatchTargets} main with a 256 MB G1 heap and waits until it is ready. Heavy:
     * no more of them run at once than there are cores.
     */
    static ChildProcess target(String main, String... args) throws Exception {
        ChildProcess p = ChildProcess.startHeavy(ChildProcess.javaCommand(Path.of(java()), List.of("-Xmx256m", "-XX:+UseG1GC"),
                WatchTargets.class.getName() + "$" + main, List.of(args)));
        p.awaitLine("ready", Duration.ofSeconds(60));
        return p;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static JsonNode watch(ChildProcess target, String... options) throws Exception {
        try {
            List<String> args = new ArrayList<>(List.of("watch", Long.toString(target.pid()), "--format", "json"));
            args.addAll(List.of(options));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            JsonNode json = new ObjectMapper().readTree(run.out());
            assertThat(run.exitCode()).as(run.out()).isEqualTo(json.get("verdict").asText().equals("leak") ? 1 : 0);
            return json;
        } finally {
            target.close();
        }
    }

    static JsonNode area(JsonNode json, String name) {
        for (JsonNode a : json.get("areas")) {
            if (a.get("area").asText().equals(name)) {
                return a;
            }
        }
        throw new AssertionError("no area " + name + " in " + json);
    }

    @Test
    void aFastHeapLeakIsALeakInTheHeapWithinHalfAMinute() throws Exception {
        Path csv = Files.createTempDirectory(Path.of("target"), "watch").resolve("leak.csv");
        // 10 % of the heap a minute: 25.6 MB a minute, 1.5 GB an hour
        ChildProcess leak = target("HeapLeak", "0.10");
        JsonNode json = watch(leak, "--interval", "1s", "--duration", "30s", "--csv", csv.toString());
        assertThat(json.get("verdict").asText()).as(json.get("reason").asText()).isEqualTo("leak");
        assertThat(json.get("kind").asText()).isEqualTo("jvm");
        assertThat(json.get("growingIn").asText()).isEqualTo("heap");
        double expected = WatchTargets.reportedBytesPerHour(leak.lines()); // about 0.10 * HEAP_MAX * 60
        double slope = json.get("slopeBytesPerHour").asDouble();
        assertThat(slope).isBetween(0.7 * expected, 1.5 * expected);
        assertThat(json.get("slopeLow").asDouble()).isPositive().isLessThan(slope);
        assertThat(json.get("slopeHigh").asDouble()).isGreaterThan(slope);
        assertThat(json.get("pValue").asDouble()).isLessThan(0.02);
        // from a floor of tens of MB, the 256 MB heap fills in well under the 10 minutes an empty one would take
        assertThat(json.get("timeToLimitSeconds").asDouble()).isPositive().isLessThan(HEAP_MAX / expected * 3600);
        assertThat(json.get("limit").asText()).isEqualTo("-Xmx");
        JsonNode samples = json.get("samples");
        assertThat(samples.size()).isBetween(28, 32);
        assertThat(samples.get(0).get("heapMaxBytes").asLong()).isEqualTo(HEAP_MAX);
        assertThat(samples.get(samples.size() - 1).get("heapAfterGcBytes").asLong())
                .isGreaterThan(samples.get(0).get("heapAfterGcBytes").asLong() + (long) (10 * MB));
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows).hasSize(samples.size() + 1);
        assertThat(rows.get(0)).startsWith("time,elapsedSeconds,rssBytes");
        assertThat(rows.get(rows.size() - 1)).contains("," + samples.get(samples.size() - 1).get("rssBytes").asLong() + ",");
    }

    @Test
    void steadyHeavyGarbageIsNoLeak() throws Exception {
        JsonNode json = watch(target("Steady"), "--interval", "1s", "--duration", "30s");
        // never a leak; on a loaded machine young collections may promote a little for the whole half
        // minute, a significant but tiny rise that is rightly "watch longer", not "no-leak"
        assertThat(json.get("verdict").asText()).as(json.toString()).isIn("no-leak", "inconclusive");
        if (json.get("verdict").asText().equals("inconclusive")) {
            assertThat(json.get("reason").asText()).as(json.toString()).contains("watch longer");
        }
        assertThat(json.get("growingIn").isNull()).isTrue();
        assertThat(json.get("timeToLimitSeconds").isNull()).isTrue();
        // a large sawtooth: heap use swings far more than the floor moves
        long low = Long.MAX_VALUE;
        long high = 0;
        for (JsonNode s : json.get("samples")) {
            low = Math.min(low, s.get("heapUsedBytes").asLong());
            high = Math.max(high, s.get("heapUsedBytes").asLong());
        }
        assertThat(high - low).isGreaterThan((long) (20 * MB));
    }

    @Test
    void aCacheThatWarmsUpAndLevelsOffIsNoLeak() throws Exception {
        JsonNode json = watch(target("WarmingCache"), "--interval", "1s", "--duration", "30s");
        // never a leak; "no-leak" (levelled off) or, when a loaded machine saw the warm-up as one
        // jump between collections, "rose in one step: watch longer"
        assertThat(json.get("verdict").asText()).as(json.toString()).isIn("no-leak", "inconclusive");
        if (json.get("verdict").asText().equals("inconclusive")) {
            assertThat(json.get("reason").asText()).as(json.toString()).contains("watch longer");
        }
        assertThat(area(json, "heap").get("verdict").asText()).isNotEqualTo("leak");
    }

    @Test
    void leakingDirectBuffersAreALeakOffHeapWithAFlatHeap() throws Exception {
        // 1 MB of direct buffers a second, in 64 KiB buffers
        ChildProcess leak = target("DirectLeak", "1000000");
        JsonNode json = watch(leak, "--interval", "1s", "--duration", "25s");
        assertThat(json.get("verdict").asText()).as(json.toString()).isEqualTo("leak");
        assertThat(json.get("growingIn").asText()).isEqualTo("off-heap");
        double produced = WatchTargets.reportedBytesPerHour(leak.lines());
        assertThat(json.get("slopeBytesPerHour").asDouble()).isCloseTo(produced, within(0.1 * produced));
        assertThat(area(json, "heap").get("verdict").asText()).isNotEqualTo("leak");
        assertThat(json.get("limit").asText()).isEqualTo("MaxDirectMemorySize");
    }

    @Test
    void exactFloorsFromForcedCollectionsFindASlowerLeak() throws Exception {
        // 2 % of the heap a minute, judged on the floor after a full GC every 2 s
        ChildProcess leak = target("HeapLeak", "0.02");
        JsonNode json = watch(leak, "--interval", "1s", "--duration", "25s", "--gc-every", "2s");
        assertThat(json.get("verdict").asText()).as(json.toString()).isEqualTo("leak");
        assertThat(json.get("signal").asText()).contains("forced full collections");
        double expected = WatchTargets.reportedBytesPerHour(leak.lines()); // about 0.02 * HEAP_MAX * 60
        assertThat(json.get("slopeBytesPerHour").asDouble()).isCloseTo(expected, within(0.25 * expected));
    }

    @Test
    void aLeakingPythonProcessIsALeakInResidentMemory() throws Exception {
        Path script = Files.createTempDirectory(Path.of("target"), "py").resolve("leak.py");
        Files.writeString(script, String.join("\n",
                "import time",
                "kept, total = [], 0",
                "start = reported = time.monotonic_ns()",
                "print('ready', flush=True)",
                "while True:",
                "    now = time.monotonic_ns()",
                "    while total < 2_000_000 * (now - start) / 1e9:  # 2 MB a second by the clock, touched",
                "        kept.append(bytearray(b'x' * 200_000))",
                "        total += 200_000",
                "    if now - reported >= 1_000_000_000:",
                "        reported = now",
                "        print(f'kept {total} {now - start}', flush=True)",
                "    time.sleep(0.1)", ""));
        ChildProcess python = ChildProcess.start(List.of("python3", script.toString()));
        python.awaitLine("ready", Duration.ofSeconds(30));
        JsonNode json = watch(python, "--interval", "1s", "--duration", "20s");
        assertThat(json.get("kind").asText()).isEqualTo("process");
        assertThat(json.get("verdict").asText()).as(json.toString()).isEqualTo("leak");
        assertThat(json.get("growingIn").asText()).isEqualTo("rss");
        // resident memory grows by what the script kept, plus the interpreter's own bookkeeping
        double expected = WatchTargets.reportedBytesPerHour(python.lines());
        assertThat(json.get("slopeBytesPerHour").asDouble()).isBetween(0.85 * expected, 1.15 * expected);
        assertThat(json.get("samples").get(0).has("heapUsedBytes")).isFalse();
    }

    @Test
    void aProcessThatExitsEndsTheWatchWithItsSamples() throws Exception {
        ChildProcess sleeper = ChildProcess.start(List.of("sleep", "3"));
        long began = System.nanoTime();
        CliRun run = CliRun.of("watch", Long.toString(sleeper.pid()), "--interval", "500ms", "--duration", "1m",
                "--format", "json");
        assertThat(System.nanoTime() - began).isLessThan(TimeUnit.SECONDS.toNanos(20));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("ended").asText()).isEqualTo("the process exited");
        assertThat(json.get("samples").size()).isBetween(2, 8);
        assertThat(json.get("samples").get(json.get("samples").size() - 1).get("elapsedSeconds").asDouble()).isLessThan(3.6);
        assertThat(json.get("verdict").asText()).isIn("inconclusive", "no-leak"); // flat, if there were enough samples
    }

    @Test
    void ctrlCEndsTheWatchWithTheVerdictAndEverySample() throws Exception {
        ChildProcess sleeper = ChildProcess.start(List.of("sleep", "60"));
        Path dir = Files.createTempDirectory(Path.of("target"), "watch");
        Path csv = dir.resolve("samples.csv");
        ChildProcess watch = ChildProcess.start(new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "watch", Long.toString(sleeper.pid()), "--interval", "500ms", "--duration", "10m",
                "--format", "json", "--csv", csv.toString()).redirectError(dir.resolve("stderr").toFile()), false);
        try (sleeper; watch) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (rows(csv) < 5 && System.nanoTime() < deadline) { // header and four samples taken
                Thread.sleep(100);
            }
            try (ChildProcess kill = ChildProcess.start(List.of("kill", "-INT", Long.toString(watch.pid())))) {
                assertThat(kill.waitFor(Duration.ofSeconds(10))).isZero();
            }
            assertThat(watch.waitFor(Duration.ofSeconds(20))).as(watch.output()).isEqualTo(0);
            JsonNode json = new ObjectMapper().readTree(watch.output());
            assertThat(json.get("ended").asText()).isEqualTo("interrupted");
            int samples = json.get("samples").size();
            assertThat(samples).isGreaterThanOrEqualTo(4);
            assertThat(Files.readAllLines(csv)).hasSize(samples + 1);
            assertThat(json.get("kind").asText()).isEqualTo("process");
        }
    }

    static int rows(Path csv) throws java.io.IOException {
        return Files.exists(csv) ? Files.readAllLines(csv).size() : 0;
    }

    @Test
    void badTargetsAndOptionsAreOneLineErrors() throws Exception {
        CliRun missing = CliRun.of("watch", "4242424", "--duration", "5s");
        assertThat(missing.exitCode()).isEqualTo(4);
        assertThat(missing.oneLineError()).contains("no process 4242424");
        try (ChildProcess sleeper = ChildProcess.start(List.of("sleep", "30"))) {
            CliRun notJvm = CliRun.of("watch", Long.toString(sleeper.pid()), "--gc-every", "1s");
            assertThat(notJvm.exitCode()).isEqualTo(2);
            assertThat(notJvm.oneLineError()).contains("--gc-every needs a JVM");
            CliRun zero = CliRun.of("watch", Long.toString(sleeper.pid()), "--interval", "0s");
            assertThat(zero.exitCode()).isEqualTo(2);
            CliRun csv = CliRun.of("watch", Long.toString(sleeper.pid()), "--duration", "1s", "--csv", "/proc/no/such/dir/x.csv");
            assertThat(csv.exitCode()).isEqualTo(4);
            assertThat(csv.oneLineError()).contains("cannot write /proc/no/such/dir/x.csv");
            assertThat(sleeper.process().isAlive()).isTrue();
        }
    }
}
