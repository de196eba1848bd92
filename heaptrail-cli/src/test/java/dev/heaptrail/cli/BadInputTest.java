package dev.heaptrail.cli;

import dev.heaptrail.testkit.ChildProcess;
import dev.heaptrail.testkit.ClassPathCopy;
import dev.heaptrail.testkit.SmallDump;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of bad input ends in exit 3 and one line naming the file, the byte offset and what was expected. */
class BadInputTest {

    static final Path DIR = Path.of("target", "bad-input");
    static byte[] dump;
    static long firstSegment;

    @BeforeAll
    static void realDump() throws Exception {
        dump = Files.readAllBytes(SmallDump.create(Path.of("target", "small.hprof")));
        firstSegment = DumpLayout.recordOffsets(dump).stream().filter(o -> dump[(int) (long) o] == 0x1C).findFirst().orElseThrow();
        Files.createDirectories(DIR);
    }

    private static Path write(String name, byte[] bytes, boolean old) throws Exception {
        Path file = DIR.resolve(name);
        Files.write(file, bytes);
        if (old) {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(3600)));
        }
        return file;
    }

    private static String fails(Path file) {
        CliRun run = CliRun.of("histo", file.toString(), "--quiet");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        String line = run.oneLineError();
        assertThat(line).startsWith("heaptrail: ").contains(file.toString());
        return line;
    }

    @Test
    void emptyFile() throws Exception {
        assertThat(fails(write("empty.hprof", new byte[0], true))).contains("empty file").contains("byte 0");
    }

    @Test
    void debugAddsTheStackTrace() throws Exception {
        Path file = write("empty-debug.hprof", new byte[0], true);
        CliRun run = CliRun.of("histo", file.toString(), "--quiet", "--debug");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("heaptrail: " + file).contains("\tat dev.heaptrail.hprof.");
    }

    @Test
    void notAHeapDump() throws Exception {
        assertThat(fails(write("notes.hprof", "PK\u0003\u0004 this is a zip, not a dump".getBytes(), true)))
                .contains("not an HPROF file").contains("JAVA PROFILE 1.0.2");
        assertThat(fails(write("text.hprof", "JAVA PROFILE 9.9\0\0\0\0\u0008".getBytes(), true))).contains("found 'JAVA PROFILE 9.9'");
        assertThat(fails(write("android.hprof", "JAVA PROFILE 1.0.3\0\0\0\0\u0004".getBytes(), true))).contains("hprof-conv");
    }

    @Test
    void truncatedMidRecord() throws Exception {
        for (int cut : new int[] {40, 100, 1000, (int) firstSegment - 3}) {
            String line = fails(write("cut-early.hprof", Arrays.copyOf(dump, cut), true));
            assertThat(line).contains("truncated").contains("byte ").contains("incomplete");
        }
    }

    @Test
    void truncatedMidSegment() throws Exception {
        int cut = dump.length * 3 / 5;
        String line = fails(write("cut-segment.hprof", Arrays.copyOf(dump, cut), true));
        assertThat(line).contains("truncated");
        long offset = Long.parseLong(line.replaceAll(".*at byte (\\d+).*", "$1"));
        assertThat(offset).isBetween(firstSegment, (long) cut);
    }

    @Test
    void truncatedAtARecordBoundaryMissesTheEnd() throws Exception {
        List<Long> offsets = DumpLayout.recordOffsets(dump);
        long lastRecord = offsets.get(offsets.size() - 1); // HEAP DUMP END
        assertThat(fails(write("no-end.hprof", Arrays.copyOf(dump, (int) lastRecord), true))).contains("HEAP DUMP END");
    }

    @Test
    void recordLengthPastTheEnd() throws Exception {
        byte[] b = dump.clone();
        ByteBuffer.wrap(b).putInt((int) firstSegment + 5, 0x7fff_fff0);
        assertThat(fails(write("long-segment.hprof", b, true))).contains("HEAP DUMP SEGMENT record claims")
                .contains("byte " + firstSegment);
    }

    @Test
    void unknownTag() throws Exception {
        byte[] b = dump.clone();
        b[31] = 0x55;
        assertThat(fails(write("unknown-tag.hprof", b, true))).contains("unknown record tag 0x55").contains("byte 31");
        byte[] c = dump.clone();
        c[(int) firstSegment + 9] = 0x66;
        assertThat(fails(write("unknown-subtag.hprof", c, true))).contains("unknown heap dump sub-record tag 0x66");
    }

    @Test
    void identifierSizeOtherThanFourOrEight() throws Exception {
        byte[] b = dump.clone();
        ByteBuffer.wrap(b).putInt(19, 5);
        assertThat(fails(write("id5.hprof", b, true))).contains("identifier size is 5; expected 4 or 8").contains("byte 19");
    }

    @Test
    void directoryAndMissingFile() throws Exception {
        assertThat(fails(DIR)).contains("is a directory");
        assertThat(fails(DIR.resolve("nowhere.hprof"))).contains("no such file");
    }

    @Test
    void dumpStillBeingWritten() throws Exception {
        String line = fails(write("fresh.hprof", Arrays.copyOf(dump, dump.length / 2), false));
        assertThat(line).contains("still writing it").contains("wait until the dump completes");
    }

    @Test
    void truncatedGzip() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(dump);
        }
        byte[] whole = gz.toByteArray();
        Path ok = write("whole.hprof.gz", whole, true);
        assertThat(CliRun.of("histo", ok.toString(), "--quiet").exitCode()).isZero();
        assertThat(fails(write("cut.hprof.gz", Arrays.copyOf(whole, whole.length / 2), true))).containsAnyOf("truncated", "gzip");
    }

    @Test
    void noPermission() throws Exception {
        Path file = write("secret.hprof", dump, true);
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("---------"));
        if (!System.getProperty("user.name").equals("root")) {
            assertThat(fails(file)).contains("permission denied");
            return;
        }
        // root reads anything: ask an unprivileged user to, through a real JVM, with a class path it may read.
        Path runuser = Path.of("/usr/sbin/runuser");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(runuser), "no runuser to drop privileges");
        try (ClassPathCopy copy = ClassPathCopy.create()) {
            Path secret = Files.copy(file, copy.dir().resolve("secret.hprof"));
            Files.setPosixFilePermissions(secret, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            Path err = copy.dir().resolve("histo.err");
            int exit;
            try (ChildProcess p = ChildProcess.start(new ProcessBuilder(runuser.toString(), "-u", "nobody", "--",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", copy.classPath(),
                    Main.class.getName(), "histo", secret.toAbsolutePath().toString()).redirectError(err.toFile()), false)) {
                exit = p.waitFor(java.time.Duration.ofSeconds(60));
            }
            String said = Files.readString(err).strip();
            assertThat(exit).as(said).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(said).doesNotContain("\n").contains("permission denied").contains(secret.toAbsolutePath().toString());
        }
    }
}
