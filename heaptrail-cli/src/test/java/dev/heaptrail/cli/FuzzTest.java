package dev.heaptrail.cli;

import dev.heaptrail.testkit.SmallDump;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Mutates a small real dump (bit flips, truncations, changed lengths and counts, gzip) and runs
 * the real command on each: every case must end in a result or one clean line with exit 3,
 * within seconds, never a hang, a stack trace or an OutOfMemoryError.
 */
class FuzzTest {

    private static final int CASES = Integer.getInteger("heaptrail.fuzz.cases", 1200);
    private static final long SEED = Long.getLong("heaptrail.fuzz.seed", 20261124L);

    @Test
    void everyMutationEndsInAResultOrACleanError() throws Exception {
        byte[] dump = Files.readAllBytes(SmallDump.create(Path.of("target", "small.hprof")));
        List<Long> records = DumpLayout.recordOffsets(dump);
        Path dir = Files.createDirectories(Path.of("target", "fuzz"));
        Random random = new Random(SEED);
        int ok = 0;
        int clean = 0;
        for (int i = 0; i < CASES; i++) {
            int kind = random.nextInt(10);
            byte[] mutated = mutate(dump, records, random, kind);
            boolean gz = kind == 9 || (kind == 8 && random.nextBoolean());
            if (gz) {
                mutated = gzip(mutated, random);
            }
            Path file = dir.resolve("case.hprof" + (gz ? ".gz" : ""));
            Files.write(file, mutated);
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(3600)));
            String command = i % 10 == 0 ? "info" : "histo";
            String description = "case " + i + " (seed " + SEED + ", kind " + kind + ", " + command + ")";
            CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> CliRun.of(command, file.toString(), "--quiet", "--format", "json"), description);
            if (run.exitCode() == ExitCodes.OK) {
                ok++;
                assertThat(run.out()).as(description).startsWith("{");
            } else {
                assertThat(run.exitCode()).as(description + ": " + run.err()).isEqualTo(ExitCodes.BAD_INPUT);
                assertThat(run.oneLineError()).as(description).contains(file.toString());
                clean++;
            }
        }
        assertThat(ok + clean).isEqualTo(CASES);
        assertThat(clean).as("most mutations must be detected").isGreaterThan(CASES / 2);
    }

    private static byte[] mutate(byte[] dump, List<Long> records, Random random, int kind) {
        byte[] b = dump.clone();
        switch (kind) {
            case 0, 1, 2 -> { // bit flips anywhere
                int flips = 1 + random.nextInt(8);
                for (int f = 0; f < flips; f++) {
                    int at = random.nextInt(b.length);
                    b[at] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 3 -> { // bit flips in the first records, where the structure is densest
                int at = random.nextInt(Math.min(b.length, 4096));
                b[at] ^= (byte) (1 << random.nextInt(8));
            }
            case 4, 5 -> b = Arrays.copyOf(b, random.nextInt(b.length)); // truncation
            case 6 -> { // a top-level record's length changed
                long record = records.get(random.nextInt(records.size()));
                int length = ByteBuffer.wrap(b).getInt((int) record + 5);
                int changed = switch (random.nextInt(3)) {
                    case 0 -> length + random.nextInt(17) - 8;
                    case 1 -> random.nextInt();
                    default -> length / 2;
                };
                ByteBuffer.wrap(b).putInt((int) record + 5, changed);
            }
            case 7 -> { // four bytes overwritten: hits sub-record lengths, counts, ids and types
                int at = random.nextInt(b.length - 4);
                ByteBuffer.wrap(b).putInt(at, random.nextBoolean() ? random.nextInt() : 0x7fff_ffff);
            }
            default -> { // 8, 9: the file stays whole or loses its end; 9 also gzipped
                if (random.nextBoolean()) {
                    b = Arrays.copyOf(b, b.length - 1 - random.nextInt(64));
                }
            }
        }
        return b;
    }

    private static byte[] gzip(byte[] bytes, Random random) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        byte[] z = out.toByteArray();
        return switch (random.nextInt(3)) {
            case 0 -> z;
            case 1 -> Arrays.copyOf(z, random.nextInt(z.length));
            default -> {
                z[10 + random.nextInt(z.length - 10)] ^= (byte) (1 << random.nextInt(8));
                yield z;
            }
        };
    }

}
