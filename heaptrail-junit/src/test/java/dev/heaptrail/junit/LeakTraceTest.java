package dev.heaptrail.junit;

import dev.heaptrail.analysis.paths.PathStep;
import dev.heaptrail.junit.internal.LeakTrace;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The leak trace's holder and signature. */
class LeakTraceTest {

    private static LeakTrace trace(String lambda, long address, int index, String thread) {
        return new LeakTrace(List.of(
                new PathStep(1, address, "class com.example.Bus", "sticky class", null, -1, false, thread, null, null),
                new PathStep(2, address + 16, "java.util.ArrayList", null, "LISTENERS", -1, true),
                new PathStep(3, address + 32, "java.lang.Object[]", null, "elementData", -1, false),
                new PathStep(4, address + 48, lambda, null, null, index, false)));
    }

    @Test
    void theSignatureIgnoresAddressesIndexesThreadsAndLambdaNumbers() {
        String a = trace("com.example.Bus$$Lambda$726/0x00007f4ed8217ab0", 0x1000, 3, "main").signature();
        String b = trace("com.example.Bus$$Lambda$91/0x0000000800c0b238", 0x9000, 17, "worker-2").signature();
        assertThat(a).matches("[0-9a-f]{12}").isEqualTo(b);
        assertThat(trace("com.example.Bus$$Lambda/0x0000000800c0b238", 0x1000, 3, "main").signature()).isEqualTo(a);
        assertThat(trace("com.example.Other$$Lambda$1/0x01", 0x1000, 3, "main").signature()).isNotEqualTo(a);
    }

    @Test
    void theHolderIsTheStaticFieldNearestTheLeak() {
        assertThat(trace("x", 0, 0, null).holder()).isEqualTo("static field Bus.LISTENERS");
        assertThat(trace("x", 0, 0, null).text()).contains("  .LISTENERS (static) → java.util.ArrayList (0x10)");
    }
}
