package dev.heaptrail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code analyze --threshold}: suspects that retain less than the threshold's share disappear, the others stay. */
class AnalyzeThresholdTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static Path dump;

    @BeforeAll
    static void twoLeaks() throws Exception {
        dump = TwoStores.create(Path.of("target", "two-stores", "two.hprof"));
    }

    /** Description → retained percent of each suspect reported at this threshold. */
    private static Map<String, Double> suspects(String threshold, int expectedExit) throws Exception {
        CliRun run = CliRun.of("analyze", dump.toString(), "--threshold", threshold, "--top", "20", "--format", "json", "--quiet", "--in-heap");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(expectedExit);
        Map<String, Double> found = new LinkedHashMap<>();
        for (JsonNode s : JSON.readTree(run.out()).get("suspects")) {
            found.put(s.get("description").asText(), s.get("retainedPercent").asDouble());
        }
        return found;
    }

    @Test
    void suspectsBelowTheThresholdDisappearAndTheOthersStay() throws Exception {
        Map<String, Double> all = suspects("1", ExitCodes.FINDING);
        String large = key(all, "TwoStores.LARGE");
        String small = key(all, "TwoStores.SMALL");
        double l = all.get(large);
        double s = all.get(small);
        assertThat(l).as("3 MiB against 1 MiB").isGreaterThan(2.5 * s);
        assertThat(s).isGreaterThan(1);
        for (double p : all.values()) {
            assertThat(p).isGreaterThanOrEqualTo(1);
        }

        double between = (l + s) / 2;
        Map<String, Double> some = suspects(Double.toString(between), ExitCodes.FINDING);
        assertThat(some).containsEntry(large, l).doesNotContainKey(small);
        for (Map.Entry<String, Double> e : all.entrySet()) {
            assertThat(some.containsKey(e.getKey())).as(e.getKey() + " at " + e.getValue() + " %, threshold " + between)
                    .isEqualTo(e.getValue() >= between);
        }

        assertThat(suspects(Double.toString(s * 0.99), ExitCodes.FINDING)).containsKeys(large, small);
        assertThat(suspects(Double.toString(Math.min(100, l + 0.5)), ExitCodes.OK)).as("above the largest").isEmpty();
        assertThat(CliRun.of("analyze", dump.toString(), "--threshold", "0").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.of("analyze", dump.toString(), "--threshold", "101").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    private static String key(Map<String, Double> suspects, String part) {
        return suspects.keySet().stream().filter(k -> k.contains(part)).findFirst()
                .orElseThrow(() -> new AssertionError("no suspect " + part + " in " + suspects));
    }
}
