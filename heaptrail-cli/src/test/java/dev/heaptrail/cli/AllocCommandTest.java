package dev.heaptrail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heaptrail.testkit.BusyAllocator;
import dev.heaptrail.testkit.ChildProcess;
import dev.heaptrail.testkit.HeadlessChromium;
import dev.heaptrail.testkit.Jdks;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code heaptrail alloc} end to end on testkit's {@link BusyAllocator}: five sites churning about
 * 300 MB/s of garbage and one keeping 64-byte orders at 300 KB/s.
 */
class AllocCommandTest {

    private static final Path DIR = Path.of("target", "alloc-command");

    private static ChildProcess busy(List<String> jvmOptions, String... args) throws Exception {
        List<String> options = new ArrayList<>(List.of("-Xmx512m"));
        options.addAll(jvmOptions);
        ChildProcess child = ChildProcess.start(new ProcessBuilder(ChildProcess.javaCommand(Jdks.current(), options,
                BusyAllocator.class.getName(), List.of(args))), true);
        child.await(Pattern.compile("^ready \\d+$"), Duration.ofSeconds(60));
        return child;
    }

    private static Path fresh(String name) throws Exception {
        Files.createDirectories(DIR);
        Path file = DIR.resolve(name);
        Files.deleteIfExists(file);
        return file;
    }

    @Test
    void theKeepingSiteRanksFirstWithItsReferenceChainAndTheRecordingIsKept() throws Exception {
        Path kept = fresh("busy.jfr");
        // The JVM's default old-object queue (256, mostly recent objects) keeps at times no sample of
        // the leak after the final collection, and then the site has no chain (the report says so);
        // the queue the report advises keeps enough for the chain to be there every time.
        try (ChildProcess target = busy(List.of("-XX:FlightRecorderOptions=old-object-queue-size=20000"))) {
            CliRun run = CliRun.of("alloc", Long.toString(target.pid()), "--duration", "20s", "--output", kept.toString(),
                    "--format", "json");
            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonNode json = new ObjectMapper().readTree(run.out());
            assertThat(json.get("source").asText()).isEqualTo("async-profiler");
            assertThat(json.get("durationSeconds").asDouble()).isBetween(19.0, 40.0);
            JsonNode sites = json.get("sites");
            JsonNode first = sites.get(0);
            assertThat(first.get("frames").get(0).get("method").asText()).as(run.out()).isEqualTo("keepOrder");
            assertThat(first.get("frames").get(0).get("class").asText()).isEqualTo(BusyAllocator.class.getName());
            // 300 KB/s for about 20 s, less the youngest left out: some MB, not KB and not GB
            assertThat(first.get("survivingBytes").asLong()).isBetween(1L << 20, 64L << 20);
            for (int i = 1; i < sites.size(); i++) {
                assertThat(sites.get(i).get("survivingBytes").asLong()).as("churning site %s", sites.get(i).get("frames"))
                        .isLessThan(first.get("survivingBytes").asLong() / 4);
            }
            double churn = 0;
            for (JsonNode s : sites) {
                churn += s.get("allocatedBytesPerSecond").asDouble();
            }
            assertThat(churn).as("the target's allocation rate, estimated").isGreaterThan(100e6);
            assertThat(first.get("path").toString()).contains("\"field\":\"ORDERS\"", "\"static\":true");
            assertThat(target.process().isAlive()).isTrue();
        }
        assertThat(Files.getPosixFilePermissions(kept)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        CliRun again = CliRun.of("sites", kept.toString(), "--group-by", "method", "--top", "1");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("BusyAllocator.keepOrder ");

        // The same recording as a page, in a real browser: the leaking frame is the widest of its row.
        CliRun html = CliRun.of("sites", kept.toString(), "--format", "html");
        assertThat(html.exitCode()).isZero();
        Path page = Files.writeString(DIR.resolve("busy.html"), html.out());
        try (HeadlessChromium chromium = HeadlessChromium.open(page, 1280, 900, DIR)) {
            JsonNode widths = chromium.evaluate("Object.fromEntries([...document.querySelectorAll('#flamegraph g[data-name]')]"
                    + ".map(g => [g.dataset.name, g.querySelector('rect').getBoundingClientRect().width]))");
            String keep = BusyAllocator.class.getName() + ".keepOrder:";
            String widest = null;
            double most = -1;
            for (var it = widths.fields(); it.hasNext(); ) {
                var e = it.next();
                boolean frameOfASite = e.getKey().matches(java.util.regex.Pattern.quote(BusyAllocator.class.getName())
                        + "\\.(keepOrder|renderPage|formatNames|collectScores|indexWords|rememberRecent):\\d+");
                if (frameOfASite && e.getValue().asDouble() > most) {
                    most = e.getValue().asDouble();
                    widest = e.getKey();
                }
            }
            assertThat(widest).as(widths.toString()).startsWith(keep);
            assertThat(chromium.consoleErrors()).isEmpty();
            chromium.screenshot(DIR.resolve("busy.png"));
        }
    }

    @Test
    void aTargetThatDoesNotLeakShowsNoGrowthUnderCompare() throws Exception {
        Path earlier = fresh("steady-1.jfr");
        Path later = fresh("steady-2.jfr");
        try (ChildProcess target = busy(List.of(), "--no-leak")) {
            for (Path file : List.of(earlier, later)) {
                CliRun run = CliRun.of("alloc", Long.toString(target.pid()), "--duration", "10s", "--output", file.toString(), "-q");
                assertThat(run.exitCode()).as(run.err()).isZero();
            }
        }
        CliRun compared = CliRun.of("sites", later.toString(), "--compare", earlier.toString(), "--format", "json");
        assertThat(compared.exitCode()).as(compared.out()).isEqualTo(ExitCodes.OK);
        JsonNode sites = new ObjectMapper().readTree(compared.out()).get("sites");
        assertThat(sites).isNotEmpty();
        sites.forEach(s -> assertThat(s.get("growth").get("growing").asBoolean()).as(s.toString()).isFalse());

        // As a page: the flame graph is of growth, and says so
        CliRun html = CliRun.of("sites", later.toString(), "--compare", earlier.toString(), "--format", "html");
        assertThat(html.exitCode()).isZero();
        Path page = Files.writeString(DIR.resolve("steady-compare.html"), html.out());
        try (HeadlessChromium chromium = HeadlessChromium.open(page, 1280, 900, DIR)) {
            assertThat(chromium.evaluate("document.querySelector('#flame h2').textContent").asText())
                    .isEqualTo("Surviving bytes grown since the earlier recording, by stack");
            assertThat(chromium.evaluate("[...document.querySelectorAll('#flamegraph g[data-name]')]"
                    + ".filter(g => g.dataset.name.includes('keepOrder')).length").asInt()).isZero();
            assertThat(chromium.consoleErrors()).isEmpty();
            chromium.screenshot(DIR.resolve("steady-compare.png"));
        }
    }

    @Test
    void aTargetWithAttachDisabledExitsFourWithTheWayOut() throws Exception {
        Set<String> before = scratchFolders();
        try (ChildProcess target = busy(List.of("-XX:+DisableAttachMechanism"), "--rate", "20")) {
            CliRun run = CliRun.of("alloc", Long.toString(target.pid()), "--duration", "2s");
            assertThat(run.exitCode()).isEqualTo(ExitCodes.ENVIRONMENT);
            assertThat(run.oneLineError()).contains("-XX:StartFlightRecording", "heaptrail sites");
        }
        CliRun gone = CliRun.of("alloc", "999999999", "--duration", "1s");
        assertThat(gone.exitCode()).isEqualTo(ExitCodes.ENVIRONMENT);
        // the folder the recording would have gone to goes too when the profile fails
        assertThat(scratchFolders()).isEqualTo(before);
    }

    /** The folders this JVM's alloc commands make for a recording kept nowhere else. */
    private static Set<String> scratchFolders() throws IOException {
        String mine = "heaptrail-alloc-" + ProcessHandle.current().pid() + "-";
        try (Stream<Path> all = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return all.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(mine))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void wrongOptionsAreUsageErrorsBeforeAnyAttach() {
        assertThat(CliRun.of("alloc", "999999999", "--source", "perf").oneLineError())
                .isEqualTo("heaptrail: --source takes auto, async-profiler or jfr, not 'perf'");
        assertThat(CliRun.of("alloc", "999999999", "--duration", "0s").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.of("alloc", "999999999", "--format", "csv").exitCode()).isEqualTo(ExitCodes.USAGE);
        CliRun gone = CliRun.of("alloc", "999999999", "--duration", "1s");
        assertThat(gone.exitCode()).isEqualTo(ExitCodes.ENVIRONMENT);
    }
}
