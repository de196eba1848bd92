package dev.heaptrail.cli;

import org.junit.jupiter.api.Test;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Overlapping watches in one JVM, ending in any order, with a real signal raised at this JVM. */
class InterruptsTest {

    // ALRM: no watch in this JVM hears it, every raise below finds a handler of the test, and unlike
    // HUP, INT and TERM the JVM handles it even when the build was started ignoring those (nohup)
    static final String SIGNAL = "ALRM";

    /** The handler installed now, read by swapping a probe in and straight back. */
    static SignalHandler installed() {
        SignalHandler current = Signal.handle(new Signal(SIGNAL), s -> { });
        Signal.handle(new Signal(SIGNAL), current);
        return current;
    }

    @Test
    void overlappingRegistrationsEndingOutOfOrderPutBackTheHandlerThatWasThereFirst() throws Exception {
        CountDownLatch original = new CountDownLatch(1);
        SignalHandler before = Signal.handle(new Signal(SIGNAL), s -> original.countDown());
        try {
            SignalHandler first = installed();
            CountDownLatch a = new CountDownLatch(1);
            CountDownLatch b = new CountDownLatch(2);
            Interrupts.Registration watchA = Interrupts.onSignals(a::countDown, SIGNAL);
            Interrupts.Registration watchB = Interrupts.onSignals(b::countDown, SIGNAL);
            Signal.raise(new Signal(SIGNAL));
            assertThat(a.await(10, TimeUnit.SECONDS)).as("the first watch hears it").isTrue();
            watchA.close(); // the first to start ends first: B must still hear signals
            Signal.raise(new Signal(SIGNAL));
            assertThat(b.await(10, TimeUnit.SECONDS)).as("the second watch heard both").isTrue();
            assertThat(original.getCount()).as("the original handler did not run while watches did").isEqualTo(1);
            watchB.close();
            watchB.close(); // idempotent
            assertThat(installed()).isSameAs(first);
            Signal.raise(new Signal(SIGNAL));
            assertThat(original.await(10, TimeUnit.SECONDS)).as("the original handler is back").isTrue();
        } finally {
            Signal.handle(new Signal(SIGNAL), before);
        }
    }

    @Test
    void closingInTheOrderOfStartingAlsoRestores() {
        SignalHandler mine = s -> { };
        SignalHandler before = Signal.handle(new Signal(SIGNAL), mine);
        try {
            Interrupts.Registration a = Interrupts.onSignals(() -> { }, SIGNAL);
            Interrupts.Registration b = Interrupts.onSignals(() -> { }, SIGNAL);
            b.close();
            assertThat(installed()).isNotSameAs(mine);
            a.close();
            assertThat(installed()).isSameAs(mine);
        } finally {
            Signal.handle(new Signal(SIGNAL), before);
        }
    }
}
