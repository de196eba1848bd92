package dev.heaptrail.live.watch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The limit a process meets first, read from cgroup files laid out as the kernel does. */
class MemoryLimitsTest {

    @TempDir
    Path dir;

    Path proc;
    Path cgroup;

    void machine(long totalKb, String cgroupLine) throws IOException {
        proc = Files.createDirectories(dir.resolve("proc"));
        cgroup = Files.createDirectories(dir.resolve("cgroup"));
        Files.writeString(proc.resolve("meminfo"), "MemTotal:       " + totalKb + " kB\nMemFree:  1 kB\n");
        Files.createDirectories(proc.resolve("42"));
        Files.writeString(proc.resolve("42").resolve("cgroup"), cgroupLine + "\n");
    }

    void limit(String path, String file, String value) throws IOException {
        Path d = Files.createDirectories(cgroup.resolve(path));
        Files.writeString(d.resolve(file), value + "\n");
    }

    @Test
    void theSmallestLimitOnTheCgroupV2PathWins() throws IOException {
        machine(16 * 1024 * 1024, "0::/kubepods/pod1/app");
        limit("kubepods", "memory.max", "max");
        limit("kubepods/pod1", "memory.max", "2147483648");
        limit("kubepods/pod1/app", "memory.max", "max");
        assertThat(MemoryLimits.of(proc, cgroup, 42)).isEqualTo(new MemoryLimits(2L << 30, "cgroup memory limit"));
    }

    @Test
    void cgroupV1ReadsTheMemoryController() throws IOException {
        machine(16 * 1024 * 1024, "4:memory:/docker/abc\n3:cpu,cpuacct:/docker/abc");
        limit("memory/docker/abc", "memory.limit_in_bytes", "536870912");
        assertThat(MemoryLimits.of(proc, cgroup, 42)).isEqualTo(new MemoryLimits(512L << 20, "cgroup memory limit"));
    }

    @Test
    void noLimitOrALargerOneMeansPhysicalMemory() throws IOException {
        machine(8 * 1024 * 1024, "0::/user.slice");
        limit("user.slice", "memory.max", "max");
        assertThat(MemoryLimits.of(proc, cgroup, 42)).isEqualTo(new MemoryLimits(8L << 30, "physical memory"));
        limit("user.slice", "memory.max", Long.toString(64L << 30));
        assertThat(MemoryLimits.of(proc, cgroup, 42)).isEqualTo(new MemoryLimits(8L << 30, "physical memory"));
        // v1's "no limit" is a huge number
        machine(8 * 1024 * 1024, "4:memory:/");
        limit("memory", "memory.limit_in_bytes", "9223372036854771712");
        assertThat(MemoryLimits.of(proc, cgroup, 42).name()).isEqualTo("physical memory");
    }

    @Test
    void aGoneProcessStillHasTheMachinesLimit() throws IOException {
        machine(4 * 1024 * 1024, "0::/");
        assertThat(MemoryLimits.of(proc, cgroup, 7)).isEqualTo(new MemoryLimits(4L << 30, "physical memory"));
    }
}
