package dev.heaptrail.heap.store;

import dev.heaptrail.testkit.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Which {@code run-...} entries of an index folder belong to processes that are gone. */
class RunFoldersTest {

    @TempDir
    Path dir;

    @Test
    void scratchArraysAreInFoldersOnlyTheirOwnerCanOpen() throws Exception {
        Path shared = Files.createDirectory(dir.resolve("shared"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path created = dir.resolve("new/index");

        NodeArray inNew = MappedNodeArray.in(created).create(1000, 10);
        NodeArray inShared = MappedNodeArray.in(shared).create(1000, 10);
        inNew.set(999, 7);
        inShared.set(999, 7);

        var ownerOnly = PosixFilePermissions.fromString("rwx------");
        assertThat(Files.getPosixFilePermissions(created)).as("a folder heaptrail creates").isEqualTo(ownerOnly);
        assertThat(Files.getPosixFilePermissions(created.getParent())).as("and its missing parents").isEqualTo(ownerOnly);
        assertThat(Files.getPosixFilePermissions(shared)).as("a folder the user made is left as it is")
                .isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        for (Path index : List.of(created, shared)) {
            try (var runs = Files.list(index)) {
                List<Path> found = runs.toList();
                assertThat(found).hasSize(1);
                assertThat(found.get(0).getFileName().toString()).startsWith(RunFolders.prefix());
                assertThat(Files.getPosixFilePermissions(found.get(0))).as("the run folder in " + index).isEqualTo(ownerOnly);
                try (var arrays = Files.list(found.get(0))) {
                    assertThat(arrays.toList()).as("the array's file is inside it").hasSize(1);
                }
            }
        }
    }

    @Test
    void aLiveProcessKeepsItsFolderADeadOneOrAReusedPidDoesNot() throws Exception {
        Process sleeper = ChildProcess.start(java.util.List.of("sleep", "60")).process();
        Process gone = ChildProcess.start(java.util.List.of("true")).process();
        gone.waitFor(30, TimeUnit.SECONDS);
        try {
            long start = sleeper.info().startInstant().orElseThrow().toEpochMilli();
            Path live = Files.createDirectory(dir.resolve("run-" + sleeper.pid() + "-t" + start + "-1a2b"));
            Path liveOldName = Files.createDirectory(dir.resolve("run-" + sleeper.pid() + "-1a2b"));
            Path reused = Files.createDirectory(dir.resolve("run-" + sleeper.pid() + "-t" + (start - 60_000) + "-1a2b"));
            Path dead = Files.createDirectory(dir.resolve("run-" + gone.pid() + "-t" + start + "-3c4d"));
            Files.write(dead.resolve("array-0.bin"), new byte[4096]);
            Path deadFile = Files.write(dir.resolve("run-" + gone.pid() + "-1f-outStart.bin"), new byte[16]);
            Path mine = Files.createDirectory(dir.resolve(RunFolders.prefix() + "-5e6f"));
            Path other = Files.write(dir.resolve("meta.bin"), new byte[8]);

            RunFolders.removeAbandoned(dir);

            assertThat(live).exists();
            assertThat(liveOldName).as("no start time in the name: only a dead PID is sure").exists();
            assertThat(mine).exists();
            assertThat(other).exists();
            assertThat(reused).as("the PID now belongs to a process started later").doesNotExist();
            assertThat(dead).doesNotExist();
            assertThat(deadFile).doesNotExist();
        } finally {
            sleeper.destroyForcibly();
        }
    }
}
