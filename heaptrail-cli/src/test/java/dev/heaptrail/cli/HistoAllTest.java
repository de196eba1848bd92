package dev.heaptrail.cli;

import dev.heaptrail.testkit.ChildProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code histo PID --all} counts objects no longer reachable; without it the JVM collects them first. */
class HistoAllTest {

    /** The marker class: instances only in the child. */
    public static final class Marker {}

    static final int HELD = 3_000;
    static final int DROPPED = 7_000;

    /** A child JVM: holds {@link #HELD} markers, drops {@link #DROPPED}, says "ready", waits to be killed. */
    public static final class Child {
        static final List<Marker> KEEP = new ArrayList<>();
        static Object sink;

        public static void main(String[] args) throws Exception {
            for (int i = 0; i < HELD; i++) {
                KEEP.add(new Marker());
            }
            for (int i = 0; i < DROPPED; i++) {
                sink = new Marker(); // garbage as soon as the next replaces it
            }
            sink = null;
            System.out.println("ready");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }

    private static long markers(Process child, boolean all) throws Exception {
        List<String> args = new ArrayList<>(List.of("histo", Long.toString(child.pid()), "--filter", "HistoAllTest\\$Marker$", "--format", "json"));
        if (all) {
            args.add("--all");
        }
        CliRun run = CliRun.of(args.toArray(new String[0]));
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode rows = new ObjectMapper().readTree(run.out()).get("classes");
        return rows.isEmpty() ? 0 : rows.get(0).get("instances").asLong();
    }

    @Test
    void allCountsTheDroppedMarkersUntilACollectionTakesThem() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // A young generation far larger than what the child allocates: no collection before the first histogram.
        try (ChildProcess running = ChildProcess.start(List.of(java, "-Xms256m", "-Xmx256m", "-Xmn192m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), Child.class.getName()))) {
            running.awaitLine("ready", Duration.ofSeconds(60));
            Process child = running.process();
            assertThat(markers(child, true)).as("--all: held and dropped").isEqualTo(HELD + DROPPED);
            assertThat(markers(child, false)).as("live: after a full GC, the held ones only").isEqualTo(HELD);
            assertThat(markers(child, true)).as("--all once the dropped ones were collected").isEqualTo(HELD);
        }
    }
}
