package dev.heaptrail.live.watch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The most memory a process may take outside any JVM limit: its cgroup's {@code memory.max} (v2)
 * or {@code memory.limit_in_bytes} (v1), whichever ancestor sets the smallest, else the machine's
 * physical memory.
 *
 * @param bytes the limit
 * @param name  what sets it, as users know it
 */
public record MemoryLimits(long bytes, String name) {

    /** The limit of process {@code pid} (does I/O; physical memory when no cgroup limit is readable). */
    public static MemoryLimits of(long pid) {
        return of(Path.of("/proc"), Path.of("/sys/fs/cgroup"), pid);
    }

    static MemoryLimits of(Path proc, Path cgroupRoot, long pid) {
        long physical = physical(proc);
        long cgroup = cgroupLimit(proc, cgroupRoot, pid);
        if (cgroup > 0 && (physical <= 0 || cgroup < physical)) {
            return new MemoryLimits(cgroup, "cgroup memory limit");
        }
        return new MemoryLimits(Math.max(0, physical), "physical memory");
    }

    private static long physical(Path proc) {
        try {
            for (String line : Files.readAllLines(proc.resolve("meminfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1; // not Linux: no limit known
        }
        return -1;
    }

    /** The smallest limit on the process's cgroup path, -1 when none is set or readable. */
    private static long cgroupLimit(Path proc, Path root, long pid) {
        try {
            long smallest = -1;
            for (String line : Files.readAllLines(proc.resolve(Long.toString(pid)).resolve("cgroup"), StandardCharsets.UTF_8)) {
                String[] f = line.split(":", 3);
                if (f.length < 3) {
                    continue;
                }
                boolean v2 = f[0].equals("0") && f[1].isEmpty();
                boolean v1 = f[1].contains("memory");
                if (!v2 && !v1) {
                    continue;
                }
                Path base = v2 ? root : root.resolve("memory");
                String file = v2 ? "memory.max" : "memory.limit_in_bytes";
                Path dir = base.resolve(f[2].startsWith("/") ? f[2].substring(1) : f[2]).normalize();
                while (dir.startsWith(base)) {
                    long limit = readLimit(dir.resolve(file));
                    if (limit > 0 && (smallest < 0 || limit < smallest)) {
                        smallest = limit;
                    }
                    if (dir.equals(base)) {
                        break;
                    }
                    dir = dir.getParent();
                }
            }
            return smallest;
        } catch (IOException e) {
            return -1;
        }
    }

    private static long readLimit(Path file) {
        try {
            String v = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (v.equals("max")) {
                return -1;
            }
            long limit = Long.parseLong(v);
            return limit >= Long.MAX_VALUE / 2 ? -1 : limit; // v1 writes "unlimited" as a huge number
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
