package dev.heaptrail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heaptrail.testkit.ChildProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ps} and {@code histo PID} against real processes: a JVM holding a known heap, and a plain process. */
class LiveCommandsTest {

    static ChildProcess jvm;
    static ChildProcess sleeper;
    static long expectedMax;
    static String expectedVersion;

    /** One of the child's known objects: no fields, so exactly a header, aligned. */
    public static final class Marker {}

    static final int MARKERS = 12_345;

    /** A child JVM: holds 48 MB and {@link #MARKERS} markers, prints its heap max and Java version, waits to be killed. */
    public static final class Holder {
        static final List<byte[]> KEEP = new ArrayList<>();
        static final List<Marker> MARKED = new ArrayList<>();

        public static void main(String[] args) throws Exception {
            for (int i = 0; i < MARKERS; i++) {
                MARKED.add(new Marker());
            }
            for (int i = 0; i < 48; i++) {
                byte[] b = new byte[1 << 20];
                java.util.Arrays.fill(b, (byte) 1); // resident, not just reserved
                KEEP.add(b);
            }
            System.out.println(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() + " "
                    + System.getProperty("java.version"));
            System.out.flush();
            Thread.sleep(120_000);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        jvm = ChildProcess.start(ChildProcess.javaCommand(java, List.of("-Xmx128m", "-XX:+UseSerialGC"),
                Holder.class.getName(), List.of()));
        String[] ready = jvm.await(Pattern.compile("^\\d+ \\S+$"), Duration.ofSeconds(60)).group().split(" ");
        expectedMax = Long.parseLong(ready[0]);
        expectedVersion = ready[1];
        sleeper = ChildProcess.start(List.of("sleep", "120"));
    }

    @AfterAll
    static void stop() {
        jvm.close();
        sleeper.close();
    }

    /** Only the processes this test started: ps attaches to the JVMs it lists, and must leave others' alone. */
    static String ours() {
        return jvm.pid() + "," + sleeper.pid();
    }

    @Test
    void listsTheJvmWithItsHeapAndThePlainProcessWithoutByResidentMemory() throws Exception {
        CliRun run = CliRun.of("ps", "--all", "--pid", ours(), "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        JsonNode root = new ObjectMapper().readTree(run.out());
        JsonNode processes = root.get("processes");
        assertThat(root.get("processCount").asInt()).isEqualTo(processes.size()).isEqualTo(2);
        long previous = Long.MAX_VALUE;
        JsonNode child = null;
        JsonNode plain = null;
        for (JsonNode p : processes) {
            long rss = p.get("rssBytes").asLong();
            assertThat(rss).as("sorted by resident memory").isLessThanOrEqualTo(previous).isPositive();
            assertThat(p.get("peakRssBytes").asLong()).isGreaterThanOrEqualTo(rss);
            previous = rss;
            if (p.get("pid").asLong() == jvm.pid()) {
                child = p;
            } else if (p.get("pid").asLong() == sleeper.pid()) {
                plain = p;
            }
        }
        assertThat(child).as("the child JVM").isNotNull();
        assertThat(child.get("kind").asText()).isEqualTo("jvm");
        assertThat(child.get("heapMaxBytes").asLong()).isEqualTo(expectedMax);
        assertThat(child.get("javaVersion").asText()).isEqualTo(expectedVersion);
        assertThat(child.get("heapUsedBytes").asLong()).as("48 MB held").isGreaterThan(48L << 20);
        assertThat(child.get("heapCommittedBytes").asLong()).isBetween(child.get("heapUsedBytes").asLong(), expectedMax);
        assertThat(child.get("rssBytes").asLong()).as("48 MB touched").isGreaterThan(48L << 20);
        assertThat(child.get("command").asText()).contains(Holder.class.getName());
        assertThat(plain).as("the sleep process").isNotNull();
        assertThat(plain.get("kind").asText()).isEqualTo("process");
        assertThat(plain.get("command").asText()).isEqualTo("sleep 120");
        assertThat(plain.has("heapUsedBytes")).isFalse();
        long vmRss = 0;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(sleeper.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                vmRss = Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        assertThat(plain.get("rssBytes").asLong()).as("VmRSS of a process that does nothing").isEqualTo(vmRss);
    }

    @Test
    void textShowsTheLargestFirstAndSaysHowManyMore() {
        CliRun run = CliRun.of("ps", "--top", "1", "--pid", ours());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        String[] lines = run.out().split("\n");
        assertThat(lines[0]).contains("PID", "RSS", "COMMAND");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).as("the JVM holds far more than sleep").contains(Long.toString(jvm.pid()), "-Xmx128m");
        assertThat(lines[2]).startsWith("... ").contains("1 more process");
    }

    @Test
    void aTopBelowOneIsAUsageError() {
        CliRun run = CliRun.of("ps", "--top", "0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.oneLineError()).contains("--top");
    }

    @Test
    void histoOfAPidCountsTheLiveObjectsOfTheJvm() throws Exception {
        CliRun run = CliRun.of("histo", Long.toString(jvm.pid()), "--filter", "Marker$", "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        JsonNode root = new ObjectMapper().readTree(run.out());
        JsonNode rows = root.get("classes");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("class").asText()).isEqualTo(Marker.class.getName());
        assertThat(rows.get(0).get("instances").asLong()).isEqualTo(MARKERS);
        JsonNode layout = root.get("layout");
        long header = layout.get("headerBytes").asLong();
        long alignment = layout.get("alignment").asLong();
        long size = (header + alignment - 1) / alignment * alignment;
        assertThat(rows.get(0).get("shallowBytes").asLong()).as("a header each, aligned").isEqualTo(MARKERS * size);
        assertThat(root.get("totalBytes").asLong()).as("48 MB of arrays held").isGreaterThan(48L << 20);
        CliRun text = CliRun.of("histo", Long.toString(jvm.pid()), "--top", "3");
        assertThat(text.out()).contains("byte[]", "whole heap", "object layout:");
    }

    @Test
    void histoOfAMissingProcessSaysSoInOneLine() {
        CliRun run = CliRun.of("histo", "999999999");
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.oneLineError()).contains("no process 999999999");
    }

    @Test
    void histoOfAProcessThatIsNoJvmRefusesWithoutHarmingIt() {
        CliRun run = CliRun.of("histo", Long.toString(sleeper.pid()));
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.oneLineError()).contains("process " + sleeper.pid() + " (sleep 120) is not a JVM");
        // the attach protocol's SIGQUIT would have ended it
        assertThat(sleeper.process().isAlive()).isTrue();
    }

    @Test
    void dumpOfAPidWritesAPrivateDumpThatHoldsTheKnownObjects() throws Exception {
        Path dir = Path.of("target", "dumps", "live");
        Files.createDirectories(dir);
        Path plain = dir.resolve("dump-" + jvm.pid() + ".hprof");
        Path gz = dir.resolve("dump-" + jvm.pid() + ".hprof.gz");
        Files.deleteIfExists(plain);
        Files.deleteIfExists(gz);
        CliRun run = CliRun.of("dump", Long.toString(jvm.pid()), "-o", plain.toString(), "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        JsonNode said = new ObjectMapper().readTree(run.out());
        assertThat(said.get("file").asText()).isEqualTo(plain.toAbsolutePath().toString());
        assertThat(said.get("bytes").asLong()).isEqualTo(Files.size(plain));
        assertThat(said.get("live").asBoolean()).isTrue();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(plain))).isEqualTo("rw-------");
        assertThat(markers(plain)).isEqualTo(MARKERS);

        CliRun compressed = CliRun.of("dump", Long.toString(jvm.pid()), "-o", gz.toString(), "--gz", "--all");
        assertThat(compressed.exitCode()).as(compressed.err()).isEqualTo(0);
        assertThat(compressed.out()).startsWith(gz.toAbsolutePath().toString());
        try (var in = Files.newInputStream(gz)) {
            assertThat(in.read() | in.read() << 8).as("gzip magic").isEqualTo(0x8b1f);
        }
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(gz))).isEqualTo("rw-------");
        assertThat(markers(gz)).isEqualTo(MARKERS);

        CliRun again = CliRun.of("dump", Long.toString(jvm.pid()), "-o", plain.toString());
        assertThat(again.exitCode()).isEqualTo(4);
        assertThat(again.oneLineError()).contains("exists already");
        CliRun badName = CliRun.of("dump", Long.toString(jvm.pid()), "-o", dir.resolve("x.bin").toString());
        assertThat(badName.exitCode()).isEqualTo(2);
        assertThat(badName.oneLineError()).contains(".hprof");
        CliRun notJvm = CliRun.of("dump", Long.toString(sleeper.pid()), "-o", dir.resolve("sleep.hprof").toString());
        assertThat(notJvm.exitCode()).isEqualTo(4);
        assertThat(notJvm.oneLineError()).contains("is not a JVM");
        assertThat(sleeper.process().isAlive()).isTrue();
    }

    /** The Marker instances a dump holds, by heaptrail's own histogram of it. */
    private static long markers(Path dump) throws Exception {
        CliRun histo = CliRun.of("histo", dump.toString(), "--filter", "Marker$", "--format", "json");
        assertThat(histo.exitCode()).as(histo.err()).isEqualTo(0);
        JsonNode rows = new ObjectMapper().readTree(histo.out()).get("classes");
        assertThat(rows).hasSize(1);
        return rows.get(0).get("instances").asLong();
    }

    /** Objects of a class that keeps growing, and of one that does not. */
    /** Leaks: six longs of its own (no array beside it, so no other class grows as much). */
    public static final class Growing {
        long a;
        long b;
        long c;
        long d;
        long e;
        long f;
    }

    public static final class Stable {}

    /** A child JVM: 500 stable objects, then 200 more growing ones every 50 ms, for up to two minutes. */
    public static final class Grower {
        static final List<Object> KEEP = new ArrayList<>();

        public static void main(String[] args) throws Exception {
            for (int i = 0; i < 500; i++) {
                KEEP.add(new Stable());
            }
            System.out.println("ready");
            System.out.flush();
            for (int round = 0; round < 2400; round++) {
                for (int i = 0; i < 200; i++) {
                    KEEP.add(new Growing());
                }
                Thread.sleep(50);
            }
        }
    }

    @Test
    void growthRanksTheClassThatKeepsGrowingAndLeavesTheStableOneOut() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try (ChildProcess grower = ChildProcess.start(ChildProcess.javaCommand(Path.of(java), List.of("-Xmx256m"),
                Grower.class.getName(), List.of()))) {
            grower.awaitLine("ready", Duration.ofSeconds(60));
            CliRun run = CliRun.of("growth", Long.toString(grower.pid()), "--samples", "3", "--interval", "400ms",
                    "--top", "0", "--format", "json", "--quiet");
            assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
            JsonNode root = new ObjectMapper().readTree(run.out());
            assertThat(root.get("samples").asInt()).isEqualTo(3);
            JsonNode growing = null;
            long previous = Long.MAX_VALUE;
            for (JsonNode c : root.get("classes")) {
                assertThat(c.get("bytesGrowth").asLong()).as("most bytes grown first").isLessThanOrEqualTo(previous);
                previous = c.get("bytesGrowth").asLong();
                assertThat(c.get("class").asText()).isNotEqualTo(Stable.class.getName());
                if (c.get("class").asText().equals(Growing.class.getName())) {
                    growing = c;
                }
            }
            assertThat(growing).as("the growing class").isNotNull();
            assertThat(root.get("classes").get(0).get("class").asText()).as("ranked first").isEqualTo(Growing.class.getName());
            assertThat(growing.get("grewEverySample").asBoolean()).isTrue();
            JsonNode counts = growing.get("instancesBySample");
            assertThat(counts.get(1).asLong()).isGreaterThan(counts.get(0).asLong());
            assertThat(counts.get(2).asLong()).isGreaterThan(counts.get(1).asLong());
            assertThat(growing.get("instancesGrowth").asLong()).isEqualTo(counts.get(2).asLong() - counts.get(0).asLong());
            CliRun usage = CliRun.of("growth", Long.toString(grower.pid()), "--samples", "1");
            assertThat(usage.exitCode()).isEqualTo(2);
            assertThat(usage.oneLineError()).contains("--samples");
        }
    }
}
