package dev.heaptrail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jdk.jfr.Recording;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code heaptrail sites} on real JFR recordings of this test JVM, and on files that are not. */
class SitesCommandTest {

    private static final Path DIR = Path.of("target", "sites-command");
    private static final List<Object> KEPT = new ArrayList<>();
    private static Path before;
    private static Path after;
    private static int keepLine;

    /** About 32 bytes each: small, like a leaking request's record. */
    record Entry(long id, long at) {}

    @BeforeAll
    static void record() throws Exception {
        Files.createDirectories(DIR);
        before = recording("before.jfr", false);
        after = recording("after.jfr", true);
    }

    private static Path recording(String name, boolean keep) throws Exception {
        Path file = DIR.resolve(name);
        Files.deleteIfExists(file);
        try (Recording r = new Recording()) {
            r.setSettings(Map.of("jdk.OldObjectSample#enabled", "true", "jdk.OldObjectSample#stackTrace", "true",
                    "jdk.OldObjectSample#cutoff", "infinity", "jdk.ObjectAllocationSample#enabled", "true",
                    "jdk.ObjectAllocationSample#stackTrace", "true", "jdk.JVMInformation#enabled", "true"));
            r.setDestination(file);
            r.start();
            for (int i = 0; i < 400_000; i++) {
                if (keep) {
                    keep(i);
                } else {
                    Arrays.fill(new long[8], i); // garbage, at once
                }
            }
            Thread.sleep(1_500); // older than the default --min-age (1 s) at the end
            System.gc();
            r.stop();
        }
        return file;
    }

    private static void keep(int i) {
        KEPT.add(new Entry(i, i)); if (keepLine == 0) keepLine = new Throwable().getStackTrace()[0].getLineNumber();
    }

    @Test
    void jsonKeepsTheContractAndNamesTheKeepingLine() throws Exception {
        CliRun run = CliRun.of("sites", after.toString(), "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.fieldNames()).toIterable().startsWith("sites", "samples", "durationSeconds", "source", "jvm");
        assertThat(json.get("source").asText()).isEqualTo("jfr");
        assertThat(json.get("jvm").asText()).contains("VM");
        assertThat(json.get("samples").asLong()).isPositive();
        JsonNode first = json.get("sites").get(0);
        assertThat(first.fieldNames()).toIterable().startsWith("rank", "frames", "survivingBytes", "survivingObjects",
                "samples", "allocatedBytesPerSecond", "topClass", "path");
        JsonNode frame = first.get("frames").get(0);
        assertThat(frame.get("class").asText()).isEqualTo(SitesCommandTest.class.getName());
        assertThat(frame.get("method").asText()).isEqualTo("keep");
        assertThat(frame.get("line").asInt()).isEqualTo(keepLine);
        assertThat(first.get("survivingObjects").asLong()).isPositive();
        assertThat(first.get("path").toString()).contains("\"field\":\"KEPT\"", "\"static\":true");
    }

    @Test
    void compareExitsOneWhenASiteGrowsAndZeroWhenNothingDoes() {
        CliRun grew = CliRun.of("sites", after.toString(), "--compare", before.toString());
        assertThat(grew.exitCode()).as(grew.err()).isEqualTo(ExitCodes.FINDING);
        assertThat(grew.out()).contains("keep:" + keepLine);
        CliRun same = CliRun.of("sites", before.toString(), "--compare", before.toString());
        assertThat(same.exitCode()).as(same.err()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void filesThatAreNotRecordingsExitThreeWithOneLine() throws Exception {
        Path empty = Files.write(DIR.resolve("empty.jfr"), new byte[0]);
        Path text = Files.writeString(DIR.resolve("notes.jfr"), "not a recording\n");
        byte[] whole = Files.readAllBytes(after);
        Path cut = Files.write(DIR.resolve("cut.jfr"), Arrays.copyOf(whole, whole.length / 2));
        for (Path bad : List.of(empty, text, cut)) {
            CliRun run = CliRun.of("sites", bad.toString());
            assertThat(run.exitCode()).as(bad.toString()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(run.oneLineError()).startsWith("heaptrail: " + bad);
        }
        CliRun missing = CliRun.of("sites", DIR.resolve("no-such.jfr").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.oneLineError()).contains("no such file");
    }

    @Test
    void wrongOptionsAreUsageErrors() {
        assertThat(CliRun.of("sites", after.toString(), "--group-by", "file").oneLineError())
                .isEqualTo("heaptrail: --group-by takes line, method or trace, not 'file'");
        assertThat(CliRun.of("sites", after.toString(), "--top", "0").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.of("sites", after.toString(), "--skip", "(").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.of("sites", after.toString(), "--format", "csv").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void textNamesTheSiteAndHtmlIsOnePage() {
        CliRun text = CliRun.of("sites", after.toString(), "--top", "3");
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("keep:" + keepLine, "old-object");
        CliRun html = CliRun.of("sites", after.toString(), "--format", "html");
        assertThat(html.exitCode()).isZero();
        assertThat(html.out()).startsWith("<!DOCTYPE html>").contains("keep");
    }
}
