package dev.heaptrail.alloc;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** A file that is not a whole JFR recording gets one line that says what and where, and nothing else escapes. */
class BadRecordingsTest {

    private static final Path DIR = Path.of("target", "bad-recordings");
    private static byte[] good;

    @BeforeAll
    static void aRealRecording() throws Exception {
        Files.createDirectories(DIR);
        good = Files.readAllBytes(Recordings.jfr("jfr-leak", true).file());
    }

    @Test
    void anEmptyFileSaysSo() throws IOException {
        Path empty = write("empty.jfr", new byte[0]);
        assertThatThrownBy(() -> read(empty)).isInstanceOf(RecordingFormatException.class)
                .hasMessage(empty + ": the file is empty; a JFR recording (heaptrail alloc --output, jcmd JFR.dump,"
                        + " -XX:StartFlightRecording) was expected");
    }

    @Test
    void aForeignFileIsNotJfrAtByteZero() throws IOException {
        Path hprof = write("dump.hprof", "JAVA PROFILE 1.0.2\0 and then some records".getBytes());
        RecordingFormatException e = (RecordingFormatException) catchThrowable(() -> read(hprof));
        assertThat(e.offset()).isZero();
        assertThat(e.getMessage()).startsWith(hprof + " at byte 0: not a JFR recording");
        Path tiny = write("tiny.jfr", new byte[] {'F', 'L'});
        assertThat(catchThrowable(() -> read(tiny))).isInstanceOf(RecordingFormatException.class).hasMessageContaining("not a JFR recording");
    }

    @Test
    void aTruncatedFileNamesTheChunkAndWhereTheFileEnds() throws IOException {
        for (int length : new int[] {10, 67, 68, good.length / 2, good.length - 1}) {
            Path cut = write("cut-" + length + ".jfr", Arrays.copyOf(good, length));
            RecordingFormatException e = (RecordingFormatException) catchThrowable(() -> read(cut));
            assertThat(e).as("cut at %d", length).isNotNull();
            assertThat(e.getMessage()).contains("truncated: the file ends inside the chunk that starts at byte 0");
            assertThat(e.offset()).isEqualTo(length);
        }
    }

    @Test
    void aMetadataOffsetOutsideTheChunkIsNamedWithItsByte() throws IOException {
        byte[] bad = good.clone();
        java.nio.ByteBuffer.wrap(bad).putLong(24, good.length + 5L);
        Path file = write("metadata-outside.jfr", bad);
        RecordingFormatException e = (RecordingFormatException) catchThrowable(() -> read(file));
        assertThat(e.offset()).isEqualTo(24);
        assertThat(e.getMessage()).contains("corrupt chunk header (metadata at " + (good.length + 5L));
        java.nio.ByteBuffer.wrap(bad).putLong(24, 100); // inside the chunk, but no metadata event there
        Path elsewhere = write("metadata-elsewhere.jfr", bad);
        assertThat(catchThrowable(() -> read(elsewhere))).isInstanceOf(RecordingFormatException.class)
                .hasMessageStartingWith(elsewhere + " at byte ");
    }

    @Test
    void bytesAfterTheLastChunkAreNamed() throws IOException {
        byte[] longer = Arrays.copyOf(good, good.length + 100);
        Path file = write("appended.jfr", longer);
        RecordingFormatException e = (RecordingFormatException) catchThrowable(() -> read(file));
        assertThat(e.offset()).isEqualTo(good.length);
        assertThat(e.getMessage()).contains("the file has other bytes appended");
    }

    @Test
    void twoRecordingsOneAfterTheOtherReadAsOne() throws IOException {
        byte[] twice = Arrays.copyOf(good, good.length * 2);
        System.arraycopy(good, 0, twice, good.length, good.length);
        AllocationReport once = read(write("once.jfr", good));
        AllocationReport both = read(write("twice.jfr", twice));
        assertThat(both.samples()).isEqualTo(2 * once.samples());
    }

    /** Random damage inside the chunk: a report or a RecordingFormatException, never a hang or another exception. */
    @Test
    void damagedRecordingsNeverEscapeAsAnythingElse() throws IOException {
        Random random = new Random(15);
        int read = 0;
        int refused = 0;
        for (int round = 0; round < 150; round++) {
            byte[] bad = good.clone();
            int flips = 1 + random.nextInt(8);
            for (int i = 0; i < flips; i++) {
                int at = 68 + random.nextInt(bad.length - 68); // past the header, which has its own checks
                bad[at] = (byte) random.nextInt(256);
            }
            Path file = write("fuzz.jfr", bad);
            Throwable thrown = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> catchThrowable(() -> read(file)),
                    "round " + round);
            if (thrown == null) {
                read++;
            } else {
                assertThat(thrown).as("round %d", round).isInstanceOf(RecordingFormatException.class);
                assertThat(thrown.getMessage()).doesNotContain("\n").startsWith(file.toString());
                refused++;
            }
        }
        assertThat(read + refused).isEqualTo(150);
        assertThat(refused).as("damage is noticed at least sometimes").isPositive();
    }

    private static AllocationReport read(Path file) throws IOException {
        return AllocationRecording.read(file, SiteOptions.defaults());
    }

    private static Path write(String name, byte[] bytes) throws IOException {
        return Files.write(DIR.resolve(name), bytes);
    }
}
