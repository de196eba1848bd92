package dev.heaptrail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heaptrail.testkit.SmallDump;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An instance whose class id names no class (0, -1, another instance) once ended analyze,
 * dominators and path in exit 70 while histo read the file: now every command reads it, the
 * instance counted under a stand-in class without references (docs/design/analysis.md).
 */
class UndescribedClassTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyCommandIndexesAnInstanceOfAClassTheDumpNeverDescribes() throws Exception {
        byte[] dump = FuzzBase.reduce(Files.readAllBytes(SmallDump.create(Path.of("target", "small.hprof"))), 600);
        SubRecords.Layout layout = SubRecords.of(dump);
        SubRecords.Sub instance = layout.subs().stream().filter(s -> s.tag() == 0x21).reduce((a, b) -> b).orElseThrow();
        SubRecords.Field classId = instance.fields().stream().filter(f -> f.name().equals("class id")).findFirst().orElseThrow();
        long other = layout.objectIds().get(layout.objectIds().size() - 2); // an array or instance, not a class
        for (long bad : new long[] {0, -1, other}) {
            byte[] b = dump.clone();
            ByteBuffer.wrap(b).putLong(classId.offset(), bad);
            Path file = Path.of("target", "undescribed-class", "class-" + Long.toHexString(bad) + ".hprof");
            Files.createDirectories(file.getParent());
            Files.write(file, b);
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(3600)));

            CliRun histo = CliRun.of("histo", file.toString(), "--format", "json");
            assertThat(histo.exitCode()).as(histo.err()).isZero();
            CliRun dominators = CliRun.of("dominators", file.toString(), "--format", "json", "--quiet", "--in-heap");
            assertThat(dominators.exitCode()).as(dominators.err()).isZero();
            JsonNode tree = JSON.readTree(dominators.out());
            assertThat(tree.get("reachableBytes").asLong() + tree.get("unreachableBytes").asLong())
                    .as("every object counted, the stand-in's too")
                    .isEqualTo(JSON.readTree(histo.out()).get("totalBytes").asLong());
            CliRun analyze = CliRun.of("analyze", file.toString(), "--format", "json", "--quiet", "--in-heap");
            assertThat(analyze.exitCode()).as(analyze.err()).isIn(ExitCodes.OK, ExitCodes.FINDING);
            assertThat(JSON.readTree(analyze.out()).has("suspects")).isTrue();
            CliRun path = CliRun.of("path", file.toString(), "--class", "unknown class 0x" + Long.toHexString(bad), "--quiet", "--in-heap");
            assertThat(path.exitCode()).as(path.err()).isZero();
            assertThat(path.out()).contains("unknown class 0x" + Long.toHexString(bad));
        }
    }
}
