package dev.heaptrail.report.json;

import dev.heaptrail.analysis.paths.PathStep;
import dev.heaptrail.report.PathsResult;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The bytes of {@code path}'s JSON for every kind of step: the contract analyze, path and sites share. */
class PathsJsonTest {

    @Test
    void everyKindOfStepAsTheContractSpellsIt() throws IOException {
        List<PathStep> steps = List.of(
                new PathStep(0, 0x10, "java.lang.Thread", "thread object", null, -1, false, "worker-1", null, "Worker.run(Worker.java:7)"),
                new PathStep(1, 0x20, "com.shop.Cache", "sticky class", null, -1, false),
                new PathStep(2, 0x30, "java.util.HashMap", null, "ENTRIES", -1, true),
                new PathStep(3, 0x40, "java.lang.Object[]", null, "table", -1, false),
                new PathStep(4, 0x50, "java.lang.ThreadLocal$ThreadLocalMap$Entry", null, null, 3, false, null, "Handler.BUFFERS", null));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        new PathsJson().render(new PathsResult(List.of(new PathsResult.TargetPath(96, steps)), List.of()), out);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("{\"paths\":[{\"id\":\"0x50\","
                + "\"class\":\"java.lang.ThreadLocal$ThreadLocalMap$Entry\",\"retainedBytes\":96,\"path\":["
                + "{\"rootKind\":\"thread object\",\"thread\":\"worker-1\",\"frame\":\"Worker.run(Worker.java:7)\","
                + "\"class\":\"java.lang.Thread\",\"id\":\"0x10\"},"
                + "{\"rootKind\":\"sticky class\",\"class\":\"com.shop.Cache\",\"id\":\"0x20\"},"
                + "{\"class\":\"java.util.HashMap\",\"id\":\"0x30\",\"field\":\"ENTRIES\",\"static\":true},"
                + "{\"class\":\"java.lang.Object[]\",\"id\":\"0x40\",\"field\":\"table\"},"
                + "{\"class\":\"java.lang.ThreadLocal$ThreadLocalMap$Entry\",\"id\":\"0x50\",\"threadLocal\":\"Handler.BUFFERS\","
                + "\"index\":3}]}]}\n");
    }
}
