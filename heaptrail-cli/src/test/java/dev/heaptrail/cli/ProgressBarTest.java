package dev.heaptrail.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressBarTest {

    @Test
    void drawsPercentSizesAndThroughputThenClearsItself() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), "reading");
        bar.update(512L << 20, 2048L << 20);
        String drawn = bytes.toString(StandardCharsets.UTF_8);
        assertThat(drawn).startsWith("\rreading [").contains(" 25%").contains("512 MiB / 2.00 GiB").contains("/s");
        bar.update(2048L << 20, 2048L << 20);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).endsWith("\r\033[K");
    }

    @Test
    void quietOrNotATerminalDrawsNothing() {
        assertThat(ProgressBar.forTerminal(System.err, "reading", true)).isSameAs(dev.heaptrail.hprof.ReadProgress.NONE);
    }
}
