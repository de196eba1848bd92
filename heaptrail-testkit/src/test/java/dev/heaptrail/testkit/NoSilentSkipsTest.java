package dev.heaptrail.testkit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/** Runs small test classes under the real Jupiter engine with the extension autodetected, as the build does. */
class NoSilentSkipsTest {

    static Events run(Class<?> testClass, boolean requireAll) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .configurationParameter(NoSilentSkips.REQUIRE_ALL, Boolean.toString(requireAll))
                .selectors(selectClass(testClass))
                .execute().testEvents();
    }

    @Test
    void aMissingRequirementFailsInCiAndNamesWhatIsMissing() {
        Events events = run(NeedsSomething.class, true);
        events.assertStatistics(s -> s.started(2).succeeded(1).failed(1).aborted(0).skipped(0));
        events.assertThatEvents().haveExactly(1, event(test("needsAMissingTool"), finishedWithFailure(
                instanceOf(AssertionFailedError.class), message(m -> m.contains("no frobnicator installed")
                        && m.contains(".ci/setup")))));
    }

    @Test
    void outsideCiASkipStaysASkip() {
        run(NeedsSomething.class, false).assertStatistics(s -> s.started(2).succeeded(1).failed(0).aborted(1));
    }

    @Test
    void anAssumptionInBeforeAllFailsEveryTestOfTheClassInCi() {
        Events all = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .configurationParameter(NoSilentSkips.REQUIRE_ALL, "true")
                .selectors(selectClass(NeedsSomethingForAll.class)).execute().containerEvents();
        assertThat(all.failed().count()).isEqualTo(1);
        assertThat(all.aborted().count()).isZero();
    }

    @Test
    void aClassAllowedToSkipWithoutItsRequirementSkipsInCiToo() {
        run(MayGoWithoutAnEngine.class, true).assertStatistics(s -> s.started(1).failed(0).aborted(1));
        Events all = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .configurationParameter(NoSilentSkips.REQUIRE_ALL, "true")
                .selectors(selectClass(MayGoWithoutAnEngineForAll.class)).execute().containerEvents();
        assertThat(all.failed().count()).isZero();
        assertThat(all.aborted().count()).isEqualTo(1);
    }

    @Test
    void realFailuresAndPassesAreLeftAsTheyAre() {
        run(Plain.class, true).assertStatistics(s -> s.started(2).succeeded(1).failed(1));
    }

    // Nested classes: surefire leaves them out of its own run; only the engine runs above select them.
    static class NeedsSomething {
        @Test
        void needsAMissingTool() {
            assumeTrue(false, "no frobnicator installed");
        }

        @Test
        void needsNothing() {
            assertThat(1 + 1).isEqualTo(2);
        }
    }

    @MaySkipWithout("a frobnication engine")
    static class MayGoWithoutAnEngine {
        @Test
        void needsTheEngine() {
            assumeTrue(false, "no frobnication engine answers");
        }
    }

    @MaySkipWithout("a frobnication engine")
    static class MayGoWithoutAnEngineForAll {
        @BeforeAll
        static void needsTheEngine() {
            assumeTrue(false, "no frobnication engine answers");
        }

        @Test
        void anything() {
        }
    }

    static class NeedsSomethingForAll {
        @BeforeAll
        static void needsATool() {
            assumeTrue(false, "no frobnicator installed");
        }

        @Test
        void anything() {
        }
    }

    static class Plain {
        @Test
        void fails() {
            assertThat(1).isEqualTo(2);
        }

        @Test
        void passes() {
        }
    }
}
