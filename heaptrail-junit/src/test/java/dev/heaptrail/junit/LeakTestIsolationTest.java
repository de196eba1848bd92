package dev.heaptrail.junit;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** With tests running in parallel, a {@code @LeakTest} runs alone: no other test allocates while it measures. */
class LeakTestIsolationTest {

    @Test
    void noOtherTestRunsWhileALeakTestMeasures() {
        ParallelSamples.SPANS.clear();
        ParallelSamples.Measured.runs = 0;
        Events events = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "4")
                .selectors(selectClass(ParallelSamples.Busy.class), selectClass(ParallelSamples.Measured.class))
                .execute().testEvents();
        assertThat(events.failed().list()).as(events.failed().list().stream().map(e -> e.getPayload(
                org.junit.platform.engine.TestExecutionResult.class).flatMap(r -> r.getThrowable()).map(Throwable::toString).orElse("?"))
                .toList().toString()).isEmpty();
        assertThat(events.succeeded().count()).isEqualTo(5);
        List<ParallelSamples.Span> busy = List.copyOf(ParallelSamples.SPANS);
        List<ParallelSamples.Span> leakRuns = new java.util.ArrayList<>();
        for (int i = 0; i < ParallelSamples.Measured.runs; i++) {
            leakRuns.add(new ParallelSamples.Span("leak-test", ParallelSamples.Measured.STARTS[i], ParallelSamples.Measured.ENDS[i]));
        }
        assertThat(leakRuns).hasSize(6); // 1 warm-up + 5 measured runs
        assertThat(busy).hasSize(4);
        // the busy tests did run in parallel with each other, so isolation is not an accident
        assertThat(busy.stream().anyMatch(a -> busy.stream().anyMatch(b -> a != b && a.overlaps(b)))).isTrue();
        ParallelSamples.Span whole = new ParallelSamples.Span("leak-test", leakRuns.stream().mapToLong(ParallelSamples.Span::start).min()
                .orElseThrow(), leakRuns.stream().mapToLong(ParallelSamples.Span::end).max().orElseThrow());
        assertThat(busy).noneMatch(whole::overlaps);
    }
}
