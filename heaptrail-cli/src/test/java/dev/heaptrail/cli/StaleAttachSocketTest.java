package dev.heaptrail.cli;

import dev.heaptrail.testkit.ChildProcess;
import org.junit.jupiter.api.Test;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JVM killed with -9 leaves /tmp/.java_pidN behind; a later JVM with the same PID was then
 * unreachable ("Connection refused": the JDK connects to the dead socket). Planted here for a live
 * JVM: heaptrail removes a socket older than its process and attaches.
 */
class StaleAttachSocketTest {

    @Test
    void aSocketLeftByAnEarlierProcessWithTheSamePidIsRemovedAndTheJvmAttached() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        try (ChildProcess jvm = ChildProcess.start(ChildProcess.javaCommand(java, List.of("-Xmx128m", "-XX:+UseSerialGC"),
                LiveCommandsTest.Holder.class.getName(), List.of()))) {
            jvm.await(Pattern.compile("^\\d+ \\S+$"), Duration.ofSeconds(60));
            Path socket = Path.of("/tmp", ".java_pid" + jvm.pid());
            Files.deleteIfExists(socket);
            try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                dead.bind(UnixDomainSocketAddress.of(socket)); // closed below: a socket file nobody listens on
            }
            Files.setLastModifiedTime(socket, FileTime.from(Instant.now().minusSeconds(3600)));
            CliRun histo = CliRun.of("histo", Long.toString(jvm.pid()), "--filter", "Marker$", "--format", "json");
            assertThat(histo.exitCode()).as(histo.err()).isEqualTo(ExitCodes.OK);
            assertThat(AttachTargetsTest.markers(histo)).isEqualTo(LiveCommandsTest.MARKERS);
        }
    }
}
