package dev.heaptrail.junit;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Leaks} called from code. */
class LeaksTest {

    static final List<Object> KEPT = new ArrayList<>();

    @Test
    void codeThatKeepsNothingPasses() {
        Leaks.assertNoLeak(LeakOptions.defaults().withWarmup(2).withIterations(8), () -> new byte[10_000].clone());
    }

    @Test
    void codeThatKeepsSomethingEachCallFailsNamingTheField() {
        assertThatThrownBy(() -> Leaks.assertNoLeak(() -> KEPT.add(new byte[200])))
                .isInstanceOfSatisfying(LeakError.class, e -> {
                    assertThat(e.holder()).as(e.getMessage()).isEqualTo("static field LeaksTest.KEPT");
                    assertThat(e.bytesPerIteration()).isGreaterThan(200).isLessThan(300);
                    assertThat(e.objectsPerIteration()).as(e.getMessage()).isBetween(0.9, 1.5);
                });
        KEPT.clear();
    }

    @Test
    void keptDumpsAreNamedInTheMessageAndReadableByTheirOwnerOnly() throws Exception {
        System.setProperty("heaptrail.junit.keepDumps", "true");
        try {
            LeakError e = org.junit.jupiter.api.Assertions.assertThrows(LeakError.class,
                    () -> Leaks.assertNoLeak(() -> KEPT.add(new byte[500])));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("dumps kept: (\\S+\\.hprof), (\\S+\\.hprof)").matcher(e.getMessage());
            assertThat(m.find()).as(e.getMessage()).isTrue();
            for (String dump : List.of(m.group(1), m.group(2))) {
                java.nio.file.Path file = java.nio.file.Path.of(dump);
                assertThat(java.nio.file.Files.getPosixFilePermissions(file))
                        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
                assertThat(file.getParent().getFileName().toString()).isEqualTo("heaptrail-junit");
                assertThat(file.getParent().getParent().getFileName().toString()).isEqualTo("target");
                java.nio.file.Files.delete(file);
            }
        } finally {
            System.clearProperty("heaptrail.junit.keepDumps");
            KEPT.clear();
        }
    }

    @Test
    void whatTheBodyThrowsIsThrownAsItIs() {
        assertThatThrownBy(() -> Leaks.assertNoLeak(() -> {
            throw new java.io.IOException("disk gone");
        })).isInstanceOf(java.io.IOException.class).hasMessage("disk gone");
    }

    @Test
    void anObjectDroppedIsCollected() {
        Object o = new byte[1_000];
        Leaks.expectCollected(o, "a dropped buffer");
        o = null;
        Leaks.assertCollected();
    }

    /** Keeps a session in {@link #KEPT} and watches it; no local variable of the test holds it afterwards. */
    private static void keepAndWatch() {
        Object session = new StringBuilder("kept");
        KEPT.add(session);
        Leaks.expectCollected(session, "the kept session");
    }

    @Test
    void anObjectStillHeldFailsWithItsTraceAndIsForgotten() {
        keepAndWatch();
        assertThatThrownBy(() -> Leaks.assertCollected(java.time.Duration.ofMillis(200)))
                .isInstanceOfSatisfying(LeakError.class, e -> {
                    assertThat(e.getMessage()).contains("1 watched object is still reachable").contains("- the kept session (java.lang.StringBuilder)");
                    assertThat(e.holder()).isEqualTo("static field LeaksTest.KEPT");
                    assertThat(e.signature()).matches("[0-9a-f]{12}");
                });
        KEPT.clear();
        Leaks.assertCollected(); // nothing watched any more
    }

    @Test
    void tooFewIterationsAreRefused() {
        assertThatThrownBy(() -> LeakOptions.defaults().withIterations(4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("iterations must be 5 or more");
    }
}
