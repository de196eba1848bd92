package dev.heaptrail.alloc.profile;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Folders shared with a target (here this JVM, which shares its /tmp with itself). */
class TargetFolderTest {

    static final long SELF = ProcessHandle.current().pid();

    @Test
    void aNewFolderIsPrivateAndGoneOnceClosed() throws Exception {
        TargetFolder folder = TargetFolder.create(SELF, "heaptrail-test-");
        Path dir = folder.here("x").getParent();
        assertThat(dir.getParent()).isEqualTo(Path.of("/tmp"));
        assertThat(folder.there("x")).isEqualTo(dir.resolve("x").toString());
        assertThat(Files.getPosixFilePermissions(dir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        Files.writeString(folder.here("x"), "x");
        folder.close();
        assertThat(dir).doesNotExist();
        folder.close(); // twice: nothing left to do
    }

    @Test
    void foldersOfKilledHeaptrailsAreRemovedOnceQuiet() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        long dead = gone.pid();
        Instant now = Instant.now();
        Path killedLongAgo = leftBehind("heaptrail-alloc-" + dead + "-1", now.minus(Duration.ofDays(2)));
        Path killedJustNow = leftBehind("heaptrail-alloc-" + dead + "-2", now);
        Path stillRunning = leftBehind("heaptrail-alloc-" + SELF + "-3", now.minus(Duration.ofDays(2)));
        Path notAHeaptrails = leftBehind("heaptrail-alloc-x" + dead + "-4", now.minus(Duration.ofDays(2)));
        try {
            TargetFolder.removeLeftBehind(SELF, "heaptrail-alloc-", Duration.ofDays(1));
            assertThat(killedLongAgo).doesNotExist();
            assertThat(killedJustNow).as("its target may still write there").exists();
            assertThat(stillRunning).exists();
            assertThat(notAHeaptrails).exists();
        } finally {
            for (Path p : new Path[] {killedJustNow, stillRunning, notAHeaptrails}) {
                Files.deleteIfExists(p.resolve("recording.jfr"));
                Files.deleteIfExists(p);
            }
        }
    }

    /** A folder in /tmp with a file in it, last written at {@code when}. */
    private static Path leftBehind(String name, Instant when) throws Exception {
        Path dir = Files.createDirectory(Path.of("/tmp", name));
        Files.writeString(dir.resolve("recording.jfr"), "x");
        Files.setLastModifiedTime(dir, FileTime.from(when));
        return dir;
    }

    @Test
    void aNamedFolderIsReusedOnlyWhenPrivate() throws Exception {
        String name = "heaptrail-test-named-" + SELF;
        Path dir = Path.of("/tmp", name);
        try (TargetFolder first = TargetFolder.named(SELF, name)) {
            assertThat(first).isNotNull();
            Files.writeString(first.here("lib"), "kept");
            TargetFolder again = TargetFolder.named(SELF, name);
            assertThat(again).isNotNull();
            assertThat(again.here("lib")).hasContent("kept");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            assertThat(TargetFolder.named(SELF, name)).as("a folder others may write into is not trusted").isNull();
        }
        assertThat(dir).doesNotExist();
        Files.createDirectories(Path.of("/tmp", name + "-target"));
        try {
            Files.createSymbolicLink(dir, Path.of("/tmp", name + "-target"));
            assertThat(TargetFolder.named(SELF, name)).as("a link is not a folder of ours").isNull();
        } finally {
            Files.deleteIfExists(dir);
            Files.deleteIfExists(Path.of("/tmp", name + "-target"));
        }
    }
}
