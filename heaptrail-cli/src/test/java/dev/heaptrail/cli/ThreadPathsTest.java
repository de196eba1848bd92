package dev.heaptrail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heaptrail.testkit.Jdks;
import dev.heaptrail.testkit.KnownHeapDump;
import dev.heaptrail.testkit.LeakScenarios;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Paths held by threads: the root names its thread, a ThreadLocalMap entry names its ThreadLocal. */
class ThreadPathsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static Path dump;

    @BeforeAll
    static void dump() throws Exception {
        dump = KnownHeapDump.create(Jdks.current(), List.of("-Xmx256m"), Path.of("target", "thread-local"), false,
                LeakScenarios.class, "thread-local").dump();
    }

    @Test
    void pathJsonNamesTheThreadAndTheThreadLocal() throws Exception {
        CliRun run = CliRun.of("path", dump.toString(), "--class", "java.util.ArrayList", "--limit", "2", "--format", "json",
                "--in-heap", "--quiet");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode paths = JSON.readTree(run.out()).get("paths");
        assertThat(paths).hasSize(2); // the two pooled threads' buffer lists are the largest lists
        for (JsonNode p : paths) {
            JsonNode steps = p.get("path");
            assertThat(steps.get(0).get("rootKind").asText()).isEqualTo("thread object");
            assertThat(steps.get(0).get("thread").asText()).matches("pool-1-thread-[12]");
            JsonNode entry = steps.get(steps.size() - 2);
            assertThat(entry.get("class").asText()).isEqualTo("java.lang.ThreadLocal$ThreadLocalMap$Entry");
            assertThat(entry.get("threadLocal").asText()).isEqualTo("LeakScenarios$ThreadLocals.BUFFERS");
            assertThat(steps.get(steps.size() - 1).get("field").asText()).isEqualTo("value");
        }
        assertThat(paths.get(0).get("path").get(0).get("thread").asText())
                .isNotEqualTo(paths.get(1).get("path").get(0).get("thread").asText());
    }

    @Test
    void aStackRootNamesItsFrameAlsoFromAReusedIndex() throws Exception {
        Path executor = KnownHeapDump.create(Jdks.current(), List.of("-Xmx256m"), Path.of("target", "executor"), false,
                LeakScenarios.class, "executor").dump();
        Path dir = Path.of("target", "executor", "index");
        for (String expect : new String[] {"building", "reusing the index"}) {
            CliRun run = CliRun.of("path", executor.toString(), "--class", "java.util.concurrent.LinkedBlockingQueue",
                    "--format", "json", "--index-dir", dir.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            if (expect.startsWith("reusing")) {
                assertThat(run.err()).contains(expect);
            }
            JsonNode root = JSON.readTree(run.out()).get("paths").get(0).get("path").get(0);
            assertThat(root.get("rootKind").asText()).isEqualTo("java frame");
            assertThat(root.get("thread").asText()).isEqualTo("pool-1-thread-1");
            assertThat(root.get("frame").asText()).matches("java\\.util\\.concurrent\\.ThreadPoolExecutor\\.runWorker\\(ThreadPoolExecutor\\.java:\\d+\\)");
        }
    }

    @Test
    void pathTextNamesTheThreadAndTheThreadLocal() {
        CliRun run = CliRun.of("path", dump.toString(), "--class", "java.util.ArrayList", "--limit", "1", "--in-heap", "--quiet");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("GC root \\(thread object\\) java.lang.Thread \\(0x[0-9a-f]+\\) thread \"pool-1-thread-[12]\"")
                .containsPattern("ThreadLocal\\$ThreadLocalMap\\$Entry \\(0x[0-9a-f]+\\) for ThreadLocal LeakScenarios\\$ThreadLocals.BUFFERS")
                .contains(".value → java.util.ArrayList");
    }
}
