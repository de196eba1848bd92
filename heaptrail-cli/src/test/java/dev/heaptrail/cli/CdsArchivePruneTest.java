package dev.heaptrail.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The class-data archives of past installs do not pile up in the user's cache. */
class CdsArchivePruneTest {

    @Test
    void keepsTheNewestArchivesAndDropsOldOnesWithTheirNotes() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "cds-prune"));
        try (Stream<Path> old = Files.list(dir)) {
            for (Path p : (Iterable<Path>) old::iterator) {
                Files.delete(p);
            }
        }
        Instant now = Instant.now();
        // made 0..6 days ago, written in an order unlike their age: the listing order must not decide
        int[] daysAgo = {3, 0, 6, 1, 5, 2, 4};
        for (int d : daysAgo) {
            Path a = Files.write(dir.resolve("heaptrail-" + (1000 + d) + ".jsa"), new byte[16]);
            Files.setLastModifiedTime(a, FileTime.from(now.minus(Duration.ofDays(d))));
            Files.write(dir.resolve("heaptrail-" + (1000 + d) + ".jsa.refused"), new byte[0]);
        }
        Path staleTmp = Files.write(dir.resolve("heaptrail-1009.jsa.123.tmp"), new byte[8]);
        Files.setLastModifiedTime(staleTmp, FileTime.from(now.minus(Duration.ofDays(2))));
        Path freshTmp = Files.write(dir.resolve("heaptrail-1010.jsa.456.tmp"), new byte[8]); // a maker at work
        Path building = Files.write(dir.resolve("heaptrail-1010.jsa.building"), new byte[0]);
        Path foreign = Files.write(dir.resolve("notes.txt"), new byte[1]);

        CdsArchive.prune(dir, 4);

        for (int d = 0; d <= 6; d++) {
            Path a = dir.resolve("heaptrail-" + (1000 + d) + ".jsa");
            assertThat(Files.exists(a)).as(a.toString()).isEqualTo(d < 4);
            assertThat(Files.exists(Path.of(a + ".refused"))).as(a + ".refused").isEqualTo(d < 4);
        }
        assertThat(staleTmp).doesNotExist();
        assertThat(freshTmp).exists();
        assertThat(building).exists();
        assertThat(foreign).exists();
    }
}
