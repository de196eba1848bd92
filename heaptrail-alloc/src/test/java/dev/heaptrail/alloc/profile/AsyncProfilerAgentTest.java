package dev.heaptrail.alloc.profile;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class AsyncProfilerAgentTest {

    @Test
    void theJarsFolderForEachPlatformItHas() throws Exception {
        assertThat(AsyncProfilerAgent.platform("Linux", "amd64")).isEqualTo("linux-x64");
        assertThat(AsyncProfilerAgent.platform("Linux", "aarch64")).isEqualTo("linux-arm64");
        assertThat(AsyncProfilerAgent.platform("Mac OS X", "aarch64")).isEqualTo("macos");
        assertThat(AsyncProfilerAgent.platform("Mac OS X", "x86_64")).isEqualTo("macos");
        assertThat(AsyncProfilerAgent.platform("Linux", "ppc64le")).isNull();
        assertThat(AsyncProfilerAgent.platform("Windows 11", "amd64")).isNull();
        for (String platform : new String[] {"linux-x64", "linux-arm64", "macos"}) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(platform + "/libasyncProfiler.so")) {
                assertThat(in).as(platform).isNotNull();
            }
        }
    }

    @Test
    void theProfilerStopsByItselfAfterTheWindowAndAMargin() {
        assertThat(AllocationProfiler.selfStop(Duration.ofSeconds(4))).isEqualTo(Duration.ofSeconds(19));
        assertThat(AllocationProfiler.selfStop(Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(75));
        assertThat(AllocationProfiler.selfStop(Duration.ofMinutes(10))).isEqualTo(Duration.ofMinutes(10).plusSeconds(150));
    }
}
