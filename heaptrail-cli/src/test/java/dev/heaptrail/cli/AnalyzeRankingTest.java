package dev.heaptrail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heaptrail.testkit.Jdks;
import dev.heaptrail.testkit.KnownHeapDump;
import dev.heaptrail.testkit.LeakScenarios;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code analyze} output for a leak spread over several threads, ranked above a larger structure,
 * and for objects waiting behind a blocked finalize(): the fields and lines that carry them.
 */
class AnalyzeRankingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path dump(String scenario) throws Exception {
        return KnownHeapDump.create(Jdks.current(), List.of("-Xmx256m"), Path.of("target", "ranking", scenario), false,
                LeakScenarios.class, scenario).dump();
    }

    @Test
    void aSpreadThreadLocalRanksFirstAndSaysWhy() throws Exception {
        Path dump = dump("spread");
        CliRun json = CliRun.of("analyze", dump.toString(), "--format", "json", "--quiet");
        assertThat(json.exitCode()).as(json.err()).isEqualTo(ExitCodes.FINDING);
        JsonNode suspects = JSON.readTree(json.out()).get("suspects");
        JsonNode top = suspects.get(0);
        assertThat(top.get("pattern").asText()).isEqualTo("thread-local-in-pooled-thread");
        assertThat(top.get("evidence").asText()).isEqualTo("known-pattern");
        assertThat(top.get("spread").get("anchor").asText()).isEqualTo("ThreadLocal LeakScenarios$Spread.BUFFERS");
        assertThat(top.get("spread").get("over").asInt()).isEqualTo(4);
        long sum = 0;
        for (JsonNode m : top.get("spread").get("members")) {
            assertThat(m.get("thread").asText()).startsWith("pool-");
            assertThat(m.get("id").asText()).startsWith("0x");
            sum += m.get("retainedBytes").asLong();
        }
        assertThat(top.get("retainedBytes").asLong()).isEqualTo(sum);
        JsonNode second = suspects.get(1);
        assertThat(second.get("evidence").asText()).isEqualTo("many-similar");
        assertThat(second.get("retainedBytes").asLong()).isGreaterThan(sum);
        assertThat(top.get("ranking").get("score").asDouble()).isGreaterThan(second.get("ranking").get("score").asDouble());
        assertThat(top.get("ranking").get("why").asText()).contains("above #2, which retains more");

        CliRun text = CliRun.of("analyze", dump.toString(), "--quiet");
        assertThat(text.out()).contains("Suspect 1: the values of ThreadLocal LeakScenarios$Spread.BUFFERS in 4 threads")
                .contains("  spread:   the same leak under 4 roots, each held by ThreadLocal LeakScenarios$Spread.BUFFERS")
                .containsPattern("\\n  ranked:   [\\d.]+ = [\\d.]+ % of the heap × 1 \\(a known leak pattern\\); above #2")
                .containsPattern("\\n    +[\\d.]+ %  .+ \\(0x[0-9a-f]+\\), [\\d,]+ elements, thread pool-\\d+-thread-\\d");
    }

    @Test
    void aFinalizerBacklogNamesTheFrameItIsStuckIn() throws Exception {
        Path dump = dump("finalizer");
        CliRun json = CliRun.of("analyze", dump.toString(), "--format", "json", "--quiet");
        assertThat(json.exitCode()).as(json.err()).isEqualTo(ExitCodes.FINDING);
        JsonNode top = JSON.readTree(json.out()).get("suspects").get(0);
        assertThat(top.get("pattern").asText()).isEqualTo("finalizer-backlog");
        assertThat(top.get("blockedIn").asText()).startsWith(LeakScenarios.SlowFinalizer.class.getName() + ".finalize(");
        assertThat(top.get("dominantClass").get("class").asText()).isEqualTo(LeakScenarios.SlowFinalizer.class.getName());
        assertThat(top.get("accumulationPoint").get("class").asText()).isEqualTo("java.lang.ref.ReferenceQueue");

        CliRun text = CliRun.of("analyze", dump.toString(), "--quiet");
        assertThat(text.out()).contains("  stuck in: " + LeakScenarios.SlowFinalizer.class.getName() + ".finalize(")
                .contains("objects wait for their finalize()");
    }
}
