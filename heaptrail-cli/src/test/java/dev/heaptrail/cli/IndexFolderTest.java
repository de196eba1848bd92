package dev.heaptrail.cli;

import dev.heaptrail.testkit.ChildProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The index folder under real processes: {@code analyze} killed with {@code kill -9} while it
 * builds the index, and two {@code analyze} runs on one fresh dump at once.
 */
class IndexFolderTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path DIR = Path.of("target", "index-folder");
    static Path dump;
    /** What an uninterrupted run in the heap says. */
    static CliRun reference;

    @BeforeAll
    static void bigDump() throws Exception {
        dump = ManyObjects.create(DIR.resolve("many.hprof"), 600_000);
        Files.setLastModifiedTime(dump, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        reference = CliRun.of("analyze", dump.toString(), "--format", "json", "--quiet", "--in-heap");
        assertThat(reference.exitCode()).as(reference.err()).isEqualTo(ExitCodes.FINDING);
        assertThat(JSON.readTree(reference.out()).get("suspects").get(0).get("description").asText()).contains("ManyObjects.STORE");
    }

    @Test
    void aRunKilledWhileIndexingLeavesNothingTheNextRunUsesOrKeeps() throws Exception {
        Path index = fresh("killed");
        Process p = analyze(index, ProcessBuilder.Redirect.DISCARD);
        Path scratch = null;
        for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); scratch == null && p.isAlive() && System.nanoTime() < end; ) {
            scratch = runFolders(index).stream().filter(Files::isDirectory).findFirst().orElse(null); // the child's
            Thread.sleep(5);
        }
        assertThat(scratch).as("the run's scratch folder").isNotNull();
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(scratch).as("kill -9 skips delete-on-exit").exists();
        assertThat(index.resolve("meta.bin")).as("killed before the index was saved").doesNotExist();

        CliRun rerun = CliRun.of("analyze", dump.toString(), "--format", "json", "--index-dir", index.toString());
        assertThat(rerun.exitCode()).as(rerun.err()).isEqualTo(reference.exitCode());
        assertThat(rerun.err()).doesNotContain("reusing");
        assertThat(JSON.readTree(rerun.out())).isEqualTo(JSON.readTree(reference.out()));
        assertThat(scratch).as("the dead run's scratch folder").doesNotExist();
        assertThat(runFolders(index)).as("nothing of another process is left").isEmpty();

        // a file cut short (as by a crash while saving) is never used
        try (var ch = java.nio.channels.FileChannel.open(index.resolve("outTargets.bin"), StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() / 2);
        }
        CliRun cut = CliRun.of("analyze", dump.toString(), "--format", "json", "--index-dir", index.toString());
        assertThat(cut.err()).contains("rebuilding the index").contains("damaged");
        assertThat(JSON.readTree(cut.out())).isEqualTo(JSON.readTree(reference.out()));
        CliRun again = CliRun.of("analyze", dump.toString(), "--format", "json", "--index-dir", index.toString());
        assertThat(again.err()).contains("reusing the index");
        assertThat(JSON.readTree(again.out())).isEqualTo(JSON.readTree(reference.out()));
    }

    @Test
    void twoRunsAtOnceOnAFreshDumpBothAnswerRightAndLeaveAConsistentIndex() throws Exception {
        Path index = fresh("together");
        List<Process> runs = new ArrayList<>();
        List<Path> outs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path out = DIR.resolve("together-" + i + ".json");
            outs.add(out);
            runs.add(analyze(index, ProcessBuilder.Redirect.to(out.toFile())));
        }
        for (int i = 0; i < 2; i++) {
            Process p = runs.get(i);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(err).isEqualTo(reference.exitCode());
            assertThat(err).doesNotContain("warning");
            assertThat(JSON.readTree(Files.readString(outs.get(i)))).isEqualTo(JSON.readTree(reference.out()));
        }
        CliRun third = CliRun.of("analyze", dump.toString(), "--format", "json", "--index-dir", index.toString());
        assertThat(third.err()).contains("reusing the index");
        assertThat(JSON.readTree(third.out())).isEqualTo(JSON.readTree(reference.out()));
        assertThat(runFolders(index)).isEmpty();
    }

    private static Process analyze(Path index, ProcessBuilder.Redirect out) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return ChildProcess.start(new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "analyze", dump.toString(), "--format", "json", "--index-dir", index.toString())
                .redirectOutput(out), false).process();
    }

    private static Path fresh(String name) throws Exception {
        Path index = DIR.resolve(name + ".index");
        if (Files.exists(index)) {
            try (Stream<Path> all = Files.walk(index)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return index;
    }

    /**
     * What other processes wrote for themselves into the index folder: scratch folders, unfinished
     * files (this JVM's in-process runs keep theirs until it exits).
     */
    private static List<Path> runFolders(Path index) throws Exception {
        if (!Files.isDirectory(index)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(index)) {
            String mine = "run-" + ProcessHandle.current().pid() + "-";
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("run-") && !n.startsWith(mine))
                    .map(index::resolve).toList();
        }
    }
}
