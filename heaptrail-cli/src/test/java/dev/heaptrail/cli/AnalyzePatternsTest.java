package dev.heaptrail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code analyze --patterns}: the leak patterns, in the order they are tried, without a dump. */
class AnalyzePatternsTest {

    private static final List<String> IDS = List.of("thread-local-in-pooled-thread", "cancelled-tasks-in-scheduler", "executor-queue-backlog", "finalizer-backlog",
            "reference-queue-backlog", "class-loader-leak", "capturing-listener", "unremovable-hash-keys", "weak-map-values-hold-keys", "unbounded-static-collection", "growing-collection",
            "large-structure", "large-object");

    @Test
    void jsonListsEachPatternWithItsTitleAndFix() throws Exception {
        CliRun run = CliRun.of("analyze", "--patterns", "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        JsonNode patterns = new ObjectMapper().readTree(run.out()).get("patterns");
        List<String> ids = new ArrayList<>();
        for (JsonNode p : patterns) {
            ids.add(p.get("id").asText());
            assertThat(p.get("title").asText()).isNotBlank();
            assertThat(p.get("advice").asText()).isNotBlank();
        }
        assertThat(ids).isEqualTo(IDS);
        assertThat(patterns.get(10).get("title").asText()).isEqualTo("many similar objects gathered in one collection");
        assertThat(patterns.get(11).get("title").asText()).isEqualTo("a large structure (one dump cannot show whether it grows)");
        assertThat(patterns.get(0).get("advice").asText()).startsWith("call ThreadLocal.remove() in a finally block");
    }

    @Test
    void textNamesEachPatternOnItsOwnLine() {
        CliRun run = CliRun.of("analyze", "--patterns");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        List<String> heads = run.out().lines().filter(l -> !l.isBlank() && !l.startsWith(" ") && l.contains(": ")).toList();
        assertThat(heads).hasSize(IDS.size());
        for (int i = 0; i < IDS.size(); i++) {
            assertThat(heads.get(i)).startsWith(IDS.get(i) + ": ");
        }
        assertThat(run.out()).contains("unbounded-static-collection: unbounded collection in a static field\n  fix: bound it");
    }

    @Test
    void withoutPatternsADumpIsStillRequired() {
        CliRun run = CliRun.of("analyze");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).isEqualTo("heaptrail: Missing required parameter: 'DUMP'\nTry 'heaptrail analyze --help' for usage.\n");
    }
}
