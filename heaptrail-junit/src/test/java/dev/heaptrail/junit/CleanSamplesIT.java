package dev.heaptrail.junit;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** Every clean sample passes, run after run: 20 runs out of 20 with the default options. */
class CleanSamplesIT {

    static final int RUNS = 20;

    @Test
    void everyCleanSamplePassesTwentyRunsOutOfTwenty() {
        List<String> failures = new ArrayList<>();
        long passed = 0;
        for (int run = 1; run <= RUNS; run++) {
            Events events = EngineTestKit.engine("junit-jupiter")
                    .selectors(selectClass(CleanSamples.InitialiseOnce.class), selectClass(CleanSamples.BoundedLru.class),
                            selectClass(CleanSamples.RuntimeChurn.class))
                    .execute().testEvents();
            passed += events.succeeded().count();
            for (Event f : events.failed().list()) {
                failures.add("run " + run + ": " + f.getTestDescriptor().getDisplayName() + ": "
                        + f.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable).map(Throwable::getMessage)
                        .orElse("?"));
            }
        }
        assertThat(failures).isEmpty();
        assertThat(passed).isEqualTo(8L * RUNS); // eight clean samples
    }
}
