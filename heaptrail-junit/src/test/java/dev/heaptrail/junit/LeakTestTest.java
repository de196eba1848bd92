package dev.heaptrail.junit;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** {@code @LeakTest} and {@code @WatchLeaks} on sample test classes, run on a real JUnit Platform. */
class LeakTestTest {

    private static Events run(Class<?> sample) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(sample)).execute().testEvents();
    }

    /** The one failure of a sample, which must be a LeakError. */
    private static LeakError leak(Class<?> sample) {
        Events events = run(sample);
        List<Event> failed = events.failed().list();
        assertThat(failed).as("failed tests of " + sample.getSimpleName()).hasSize(1);
        Throwable thrown = failed.get(0).getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow();
        assertThat(thrown).isInstanceOf(LeakError.class);
        return (LeakError) thrown;
    }

    @Test
    void aStaticMapThatGainsAnEntryPerCallFailsNamingTheField() {
        LeakError e = leak(LeakingSamples.StaticMap.class);
        assertThat(e.holder()).isEqualTo("static field LeakingSamples$StaticMap.SEEN");
        assertThat(e.bytesPerIteration()).isGreaterThan(80).isLessThan(200);
        assertThat(e.grownClasses()).extracting(ClassGrowth::className).contains("byte[]", "java.util.HashMap$Node");
        assertThat(e.getMessage()).contains("held by static field LeakingSamples$StaticMap.SEEN").contains("leak trace:")
                .contains(".SEEN (static) → java.util.HashMap").containsPattern("signature: [0-9a-f]{12}");
        assertThat(e.signature()).matches("[0-9a-f]{12}");
    }

    @Test
    void theSameLeakHasTheSameSignatureRunAfterRun() {
        assertThat(leak(LeakingSamples.StaticMap.class).signature()).isEqualTo(leak(LeakingSamples.StaticMap.class).signature())
                .isNotEqualTo(leak(LeakingSamples.SlowSmallLeak.class).signature());
    }

    @Test
    void listenersNeverRemovedFailNamingTheList() {
        LeakError e = leak(LeakingSamples.ListenerList.class);
        assertThat(e.holder()).isEqualTo("static field LeakingSamples$ListenerList.LISTENERS");
    }

    @Test
    void aThreadLocalOfAPooledThreadFailsNamingTheThreadLocalAndTheThread() {
        LeakError e = leak(LeakingSamples.PooledThreadLocal.class);
        assertThat(e.holder()).isEqualTo("ThreadLocal LeakingSamples$PooledThreadLocal.BUFFERS of thread sample-pool-thread");
        assertThat(e.trace()).contains("thread \"sample-pool-thread\"").contains(".threadLocals");
    }

    @Test
    void aSlowLeakOfSmallObjectsFails() {
        LeakError e = leak(LeakingSamples.SlowSmallLeak.class);
        assertThat(e.holder()).isEqualTo("static field LeakingSamples$SlowSmallLeak.KEPT");
        assertThat(e.bytesPerIteration()).isGreaterThan(40).isLessThan(100);
    }

    @Test
    void aWatchedObjectLeftInAListFailsWithItsTrace() {
        LeakError e = leak(LeakingSamples.WatchedObjectLeftInAList.class);
        assertThat(e.getMessage()).contains("the closed session 42 (java.lang.StringBuilder)");
        assertThat(e.holder()).isEqualTo("static field LeakingSamples$WatchedObjectLeftInAList.OPEN");
        assertThat(e.trace()).contains(".OPEN (static) → java.util.ArrayList");
    }

    @Test
    void cleanCodePasses() {
        for (Class<?> sample : List.of(CleanSamples.InitialiseOnce.class, CleanSamples.BoundedLru.class, CleanSamples.RuntimeChurn.class)) {
            Events events = run(sample);
            assertThat(events.failed().list()).as(sample.getSimpleName() + ": " + events.failed().list().stream()
                    .map(f -> f.getPayload(org.junit.platform.engine.TestExecutionResult.class).flatMap(r -> r.getThrowable())
                            .map(Throwable::getMessage).orElse("?")).toList()).isEmpty();
            assertThat(events.succeeded().count()).isPositive();
        }
    }

    @Test
    void badUseFailsWithAClearErrorNeverAPass() {
        Throwable withParameter = run(LeakingSamples.WithParameter.class).failed().list().get(0)
                .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
        assertThat(withParameter.getMessage()).contains("takes parameters");
        Throwable tooFew = run(LeakingSamples.TooFewIterations.class).failed().list().get(0)
                .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
        assertThat(tooFew.getMessage()).contains("iterations must be 5 or more");
    }
}
