package dev.heaptrail.heap.store;

import dev.heaptrail.testkit.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Which {@code run-...} entries of an index folder belong to processes that are gone. */
class RunFoldersTest {

    @TempDir
    Path dir;

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
