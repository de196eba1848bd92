package dev.heaptrail.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Options from every source, in order, and one clear error for each kind of mistake. */
class AgentOptionsTest {

    @TempDir
    Path dir;

    @Test
    void defaultsServeNothingAndBindToLoopback() {
        AgentOptions o = AgentOptions.parse("", Map.of());
        assertThat(o.port()).isEqualTo(-1);
        assertThat(o.host()).isEqualTo("127.0.0.1");
        assertThat(o.window()).isEqualTo(Duration.ofMinutes(30));
        assertThat(o.actions()).isEqualTo(Set.of("log", "histogram"));
    }

    @Test
    void argumentsBeatTheEnvironmentWhichBeatsTheFile() throws Exception {
        Path file = dir.resolve("agent.properties");
        Files.writeString(file, "port=1000\nwindow=5m\ninterval=3s\nkeepFiles=9\n");
        Map<String, String> env = Map.of("HEAPTRAIL_AGENT_CONFIG", file.toString(), "HEAPTRAIL_AGENT_PORT", "2000",
                "HEAPTRAIL_AGENT_WINDOW", "7m", "HEAPTRAIL_AGENT_ACTION_INTERVAL", "90s");
        AgentOptions o = AgentOptions.parse("port=3000,actions=log+heapdump+webhook,webhook=http://h/x", env);
        assertThat(o.port()).isEqualTo(3000);
        assertThat(o.window()).isEqualTo(Duration.ofMinutes(7));
        assertThat(o.interval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(o.keepFiles()).isEqualTo(9);
        assertThat(o.actionInterval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(o.actions()).containsExactlyInAnyOrder("log", "heapdump", "webhook");
        assertThat(o.webhook()).isEqualTo("http://h/x");
        assertThat(o.minSlope()).isZero();
        assertThat(AgentOptions.parse("minSlope=50m", Map.of()).minSlope()).isEqualTo(50L << 20);
        AgentOptions fromArgs = AgentOptions.parse("config=" + file + ",diskMargin=512m", Map.of());
        assertThat(fromArgs.port()).isEqualTo(1000);
        assertThat(fromArgs.diskMargin()).isEqualTo(512L << 20);
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> AgentOptions.parse("colour=blue", Map.of())).hasMessageContaining("unknown agent option [colour]");
        assertThatThrownBy(() -> AgentOptions.parse("port", Map.of())).hasMessageContaining("'port' is not key=value");
        assertThatThrownBy(() -> AgentOptions.parse("port=99999", Map.of())).hasMessageContaining("is not a port");
        assertThatThrownBy(() -> AgentOptions.parse("window=soon", Map.of())).hasMessageContaining("window=soon is not a duration");
        assertThatThrownBy(() -> AgentOptions.parse("interval=0s", Map.of())).hasMessageContaining("interval=0s");
        assertThatThrownBy(() -> AgentOptions.parse("actions=log+email", Map.of())).hasMessageContaining("unknown action 'email'");
        assertThatThrownBy(() -> AgentOptions.parse("actions=webhook", Map.of())).hasMessageContaining("no webhook=URL");
        assertThatThrownBy(() -> AgentOptions.parse("floorPercent=120", Map.of())).hasMessageContaining("floorPercent=120");
        assertThatThrownBy(() -> AgentOptions.parse("config=/no/such/file", Map.of())).hasMessageContaining("cannot read agent config /no/such/file");
    }
}
