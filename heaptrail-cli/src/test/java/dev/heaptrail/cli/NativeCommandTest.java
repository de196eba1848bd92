package dev.heaptrail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.HotSpotDiagnosticMXBean;
import dev.heaptrail.testkit.Jdks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import dev.heaptrail.testkit.ChildProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code heaptrail native} on real JVMs, with Native Memory Tracking on (JDK 17 and 25) and off. */
class NativeCommandTest {

    static final long MIB = 1L << 20;

    /**
     * A child JVM: holds {@code args[0]} MiB of direct buffers, prints "ready", its heap committed,
     * its ThreadStackSize in bytes; then "direct N" on its stdin makes it hold N MiB more (it answers
     * "held"). Ends when its stdin closes.
     */
    public static final class Target {
        static final List<ByteBuffer> HELD = new ArrayList<>();

        public static void main(String[] args) throws Exception {
            hold(Integer.parseInt(args[0]));
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            System.out.println("ready " + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() + " "
                    + Long.parseLong(hotspot.getVMOption("ThreadStackSize").getValue()) * 1024);
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                hold(Integer.parseInt(line.substring("direct ".length())));
                System.out.println("held");
                System.out.flush();
            }
        }

        static void hold(int mib) {
            for (int i = 0; i < mib; i++) {
                HELD.add(ByteBuffer.allocateDirect((int) MIB)); // zeroed by the JDK: resident
            }
        }
    }

    /** A started {@link Target}: what it said when ready, and a way to talk to it. */
    record Child(ChildProcess child, long heapCommitted, long threadStackSize) {
        Process process() {
            return child.process();
        }

        String pid() {
            return Long.toString(child.pid());
        }

        void holdDirect(int mib) throws Exception {
            long held = child.lines().stream().filter("held"::equals).count();
            child.send("direct " + mib);
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (child.lines().stream().filter("held"::equals).count() == held) {
                assertThat(System.nanoTime()).as("the child answers 'held': " + child.output()).isLessThan(deadline);
                Thread.sleep(20);
            }
        }
    }

    static final List<ChildProcess> started = new ArrayList<>();
    static Child tracked;
    static ChildProcess sleeper;

    static Child start(Path java, int directMib, String... options) throws Exception {
        ChildProcess p = ChildProcess.start(ChildProcess.javaCommand(java, List.of(options), Target.class.getName(),
                List.of(Integer.toString(directMib))));
        started.add(p);
        String[] ready = p.await(Pattern.compile("^ready .*"), Duration.ofSeconds(60)).group().split(" "); // the JVM may warn first
        return new Child(p, Long.parseLong(ready[1]), Long.parseLong(ready[2]));
    }

    @BeforeAll
    static void startShared() throws Exception {
        tracked = start(Jdks.current(), 0, "-XX:NativeMemoryTracking=summary", "-Xmx128m");
        sleeper = ChildProcess.start(List.of("sleep", "120"));
        started.add(sleeper);
    }

    @AfterAll
    static void stopAll() {
        started.forEach(ChildProcess::close);
    }

    static JsonNode json(int exitCode, String... args) throws Exception {
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(exitCode);
        return new ObjectMapper().readTree(run.out());
    }

    static JsonNode category(JsonNode json, String name) {
        for (JsonNode c : json.get("categories")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no category " + name + " in " + json.get("categories"));
    }

    @Test
    void withTrackingShowsEveryCategoryTheHeapAtItsMaximumReserved() throws Exception {
        JsonNode json = json(0, "native", tracked.pid(), "--format", "json");
        assertThat(json.get("pid").asLong()).isEqualTo(tracked.process().pid());
        assertThat(json.get("nmt").asBoolean()).isTrue();
        assertThat(json.get("advice").isNull()).isTrue();
        assertThat(category(json, "Java Heap").get("reservedBytes").asLong()).isEqualTo(128 * MIB);
        long heapCommitted = category(json, "Java Heap").get("committedBytes").asLong();
        assertThat(heapCommitted).isPositive();
        assertThat(json.get("totalCommittedBytes").asLong()).isGreaterThanOrEqualTo(heapCommitted);
        assertThat(json.get("totalReservedBytes").asLong()).isGreaterThanOrEqualTo(json.get("totalCommittedBytes").asLong());
        long reserved = 0;
        long committed = 0;
        for (JsonNode c : json.get("categories")) {
            reserved += c.get("reservedBytes").asLong();
            committed += c.get("committedBytes").asLong();
            assertThat(c.has("committedDiffBytes")).as("changes only with --diff").isFalse();
        }
        assertThat(reserved).as("every category, none twice").isEqualTo(json.get("totalReservedBytes").asLong());
        assertThat(committed).isEqualTo(json.get("totalCommittedBytes").asLong());
        assertThat(category(json, "Thread").get("committedBytes").asLong()).isPositive();
        assertThat(category(json, "Class").get("reservedBytes").asLong()).isPositive();
        assertThat(category(json, "Metaspace").get("committedBytes").asLong()).isPositive();
        JsonNode b = json.get("breakdown");
        assertThat(b.get("heapCommittedBytes").asLong()).isEqualTo(tracked.heapCommitted());
        assertThat(b.get("threads").asInt()).isPositive();

        CliRun text = CliRun.of("native", tracked.pid());
        assertThat(text.exitCode()).as(text.err()).isEqualTo(0);
        assertThat(text.out()).contains("native memory tracking", "Java Heap", "128 MiB", "resident memory (RSS)",
                "thread stacks (estimate)", "unexplained");
    }

    @Test
    void diffWithoutABaselineSaysToTakeOneFirst() {
        CliRun run = CliRun.of("native", tracked.pid(), "--diff");
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.oneLineError()).contains("no native memory baseline", "--baseline");
    }

    @Test
    void directBuffersHeldAfterTheBaselineAreTheLargestGrowthInTheDiff() throws Exception {
        Child child = start(Jdks.current(), 0, "-XX:NativeMemoryTracking=summary", "-Xmx128m");
        baselineThenDiff(child);
    }

    @Test
    void aJdk25TargetIsReadToo() throws Exception {
        Optional<Path> jdk25 = Jdks.find(25);
        assumeTrue(jdk25.isPresent(), "no JDK 25 here (set HEAPTRAIL_JDK25 or install one under /usr/lib/jvm)");
        Child child = start(jdk25.get(), 0, "-XX:NativeMemoryTracking=summary", "-Xmx96m");
        JsonNode json = json(0, "native", child.pid(), "--format", "json");
        assertThat(json.get("nmt").asBoolean()).isTrue();
        assertThat(category(json, "Java Heap").get("reservedBytes").asLong()).isEqualTo(96 * MIB);
        assertThat(category(json, "Thread").get("committedBytes").asLong()).isPositive();
        baselineThenDiff(child);
    }

    /** --baseline, 64 MiB of direct buffers, --diff: NMT counts them under Other, first. */
    private static void baselineThenDiff(Child child) throws Exception {
        JsonNode base = json(0, "native", child.pid(), "--baseline", "--format", "json");
        assertThat(base.get("advice").asText()).contains("baseline recorded", "--diff");
        CliRun said = CliRun.of("native", child.pid(), "--baseline");
        assertThat(said.out()).contains("baseline recorded", "heaptrail native " + child.pid() + " --diff");
        child.holdDirect(64);
        JsonNode diff = json(0, "native", child.pid(), "--diff", "--format", "json");
        JsonNode first = diff.get("categories").get(0);
        assertThat(first.get("name").asText()).isEqualTo("Other");
        assertThat(first.get("committedDiffBytes").asLong()).isGreaterThanOrEqualTo(64 * MIB);
        assertThat(first.get("reservedDiffBytes").asLong()).isGreaterThanOrEqualTo(64 * MIB);
        long previous = Long.MAX_VALUE;
        for (JsonNode c : diff.get("categories")) {
            assertThat(c.get("committedDiffBytes").asLong()).as("largest growth first").isLessThanOrEqualTo(previous);
            previous = c.get("committedDiffBytes").asLong();
        }
        // the total nets out what other categories gave back meanwhile (compiler arenas, say): a little under the 64 MiB
        assertThat(diff.get("totalCommittedDiffBytes").asLong()).isGreaterThanOrEqualTo(60 * MIB);
        assertThat(diff.get("breakdown").get("directBufferBytes").asLong()).isGreaterThanOrEqualTo(64 * MIB);
        CliRun text = CliRun.of("native", child.pid(), "--diff");
        assertThat(text.out()).contains("change since the baseline");
        assertThat(text.out().lines().filter(l -> l.startsWith("Other")).findFirst().orElseThrow()).contains("+64.0 MiB");
    }

    @Test
    void withoutTrackingTheResidentMemoryIsSplitIntoPartsThatAddUp() throws Exception {
        // -Xms = -Xmx: the heap cannot resize between the child's figure and heaptrail's
        Child child = start(Jdks.current(), 32, "-Xms64m", "-Xmx64m", "-XX:+UseSerialGC");
        JsonNode json = json(0, "native", child.pid(), "--format", "json");
        assertThat(json.get("nmt").asBoolean()).isFalse();
        assertThat(json.has("categories")).isFalse();
        assertThat(json.get("advice").asText()).contains("-XX:NativeMemoryTracking=summary", "few percent");
        JsonNode b = json.get("breakdown");
        assertThat(b.get("heapCommittedBytes").asLong()).isEqualTo(child.heapCommitted());
        assertThat(b.get("directBufferBytes").asLong()).isGreaterThanOrEqualTo(32 * MIB).isLessThan(33 * MIB);
        assertThat(b.get("mappedBufferBytes").asLong()).isZero();
        assertThat(b.get("metaspaceCommittedBytes").asLong()).isPositive();
        assertThat(b.get("codeCacheCommittedBytes").asLong()).isPositive();
        assertThat(b.get("threadStacksBytes").asLong()).isEqualTo(b.get("threads").asLong() * child.threadStackSize());
        long parts = 0;
        for (String part : List.of("heapCommittedBytes", "metaspaceCommittedBytes", "codeCacheCommittedBytes",
                "threadStacksBytes", "directBufferBytes", "mappedBufferBytes", "unexplainedBytes")) {
            parts += b.get(part).asLong();
        }
        assertThat(parts).isEqualTo(json.get("rssBytes").asLong());
        assertThat(json.get("rssBytes").asLong()).as("the direct buffers are resident").isGreaterThan(32 * MIB);

        CliRun text = CliRun.of("native", child.pid());
        assertThat(text.out()).contains("native memory tracking is off", "-XX:NativeMemoryTracking=summary",
                "direct buffers", "32.0 MiB");
        for (String mode : List.of("--baseline", "--diff")) {
            CliRun refused = CliRun.of("native", child.pid(), mode);
            assertThat(refused.exitCode()).isEqualTo(4);
            assertThat(refused.oneLineError()).contains(mode, "-XX:NativeMemoryTracking=summary");
        }
    }

    @Test
    void aProcessThatIsNoJvmIsRefusedAndLeftRunning() {
        CliRun run = CliRun.of("native", Long.toString(sleeper.pid()));
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.oneLineError()).contains("(sleep 120) is not a JVM");
        assertThat(sleeper.process().isAlive()).as("attaching would have sent it SIGQUIT").isTrue();
    }

    @Test
    void aJvmOutOfDirectMemoryCannotServeJmxAndSaysSoInOneLine() throws Exception {
        // RMI needs direct buffers: the first try fails on them, later ones on the half-open connection,
        // whose message spans two lines
        Child child = start(Jdks.current(), 1, "-XX:MaxDirectMemorySize=1m");
        for (int i = 0; i < 2; i++) {
            CliRun run = CliRun.of("native", child.pid());
            assertThat(run.exitCode()).isEqualTo(4);
            assertThat(run.oneLineError()).contains("could not reach its management agent");
        }
    }

    @Test
    void aMissingProcessOrAWrongCommandLineIsOneLine() {
        CliRun missing = CliRun.of("native", "999999999");
        assertThat(missing.exitCode()).isEqualTo(4);
        assertThat(missing.oneLineError()).contains("no process 999999999");
        CliRun both = CliRun.of("native", tracked.pid(), "--baseline", "--diff");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
        CliRun csv = CliRun.of("native", tracked.pid(), "--format", "csv");
        assertThat(csv.exitCode()).isEqualTo(2);
        assertThat(csv.oneLineError()).isEqualTo("heaptrail: native prints text, json or html, not csv");
    }
}
