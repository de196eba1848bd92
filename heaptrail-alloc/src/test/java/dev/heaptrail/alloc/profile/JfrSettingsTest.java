package dev.heaptrail.alloc.profile;

import jdk.jfr.Configuration;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The .jfc heaptrail writes, read back by the JDK's own parser. */
class JfrSettingsTest {

    static Map<String, String> settings(int feature, boolean besideAsyncProfiler) throws Exception {
        return Configuration.create(new StringReader(JfrSettings.jfc(feature, besideAsyncProfiler))).getSettings();
    }

    @Test
    void onJdk16AndLaterAllocationSamplesAreThrottled() throws Exception {
        Map<String, String> s = settings(17, false);
        assertThat(s).containsEntry("jdk.OldObjectSample#enabled", "true").containsEntry("jdk.OldObjectSample#stackTrace", "true")
                .containsEntry("jdk.OldObjectSample#cutoff", "infinity")
                .containsEntry("jdk.ObjectAllocationSample#enabled", "true")
                .containsEntry("jdk.ObjectAllocationSample#stackTrace", "true")
                .containsEntry("jdk.ObjectAllocationSample#throttle", "1000/s")
                .containsEntry("jdk.GarbageCollection#threshold", "0 ms")
                .containsEntry("jdk.JVMInformation#period", "beginChunk").containsEntry("jdk.ActiveSetting#enabled", "true")
                .doesNotContainKey("jdk.ObjectAllocationInNewTLAB#enabled");
        assertThat(s).hasSize(11);
        // beside async-profiler, whose samples give the rates, the chains only
        assertThat(settings(17, true)).containsEntry("jdk.OldObjectSample#cutoff", "infinity")
                .containsEntry("jdk.GarbageCollection#threshold", "0 ms")
                .doesNotContainKeys("jdk.ObjectAllocationSample#enabled", "jdk.ObjectAllocationInNewTLAB#enabled").hasSize(8);
    }

    @Test
    void onJdk11TlabEventsStandInUnlessAsyncProfilerSamples() throws Exception {
        assertThat(settings(11, false)).containsEntry("jdk.ObjectAllocationInNewTLAB#enabled", "true")
                .containsEntry("jdk.ObjectAllocationOutsideTLAB#stackTrace", "true")
                .doesNotContainKey("jdk.ObjectAllocationSample#enabled");
        assertThat(settings(11, true)).containsEntry("jdk.OldObjectSample#cutoff", "infinity")
                .doesNotContainKeys("jdk.ObjectAllocationInNewTLAB#enabled", "jdk.ObjectAllocationSample#enabled");
    }
}
