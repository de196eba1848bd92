package dev.heaptrail.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The processes of this machine (of this container) with their resident memory, read from
 * {@code /proc}: what {@code ps aux --sort=-rss} shows. A process that exits while it is read is
 * left out; one whose details are hidden (another user's, without permission) shows what is
 * readable.
 */
public final class ProcessTable {

    private final Path proc;
    /** User names by uid, from /etc/passwd, read on first need. */
    private java.util.Map<String, String> users;

    public ProcessTable() {
        this(Path.of("/proc"));
    }

    ProcessTable(Path proc) {
        this.proc = proc;
    }

    /** Whether this system has a readable {@code /proc} (Linux). */
    public boolean available() {
        return Files.isReadable(proc.resolve("self").resolve("status"));
    }

    /** Every process, largest resident memory first (kernel threads, which have none, left out). Does I/O. */
    public List<RunningProcess> list() throws IOException {
        List<RunningProcess> out = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path dir : dirs) {
                RunningProcess p = read(dir);
                if (p != null && p.rssBytes() > 0) {
                    out.add(p);
                }
            }
        }
        out.sort(Comparator.comparingLong(RunningProcess::rssBytes).reversed().thenComparingLong(RunningProcess::pid));
        return out;
    }

    /** The process with this id, or null when there is none (it exited, or never was). Does I/O. */
    public RunningProcess get(long pid) {
        return read(proc.resolve(Long.toString(pid)));
    }

    /** A process's resident memory now and at its peak, in bytes. */
    public record Resident(long rssBytes, long peakRssBytes) {}

    /** Resident memory of a watched process, or null once it is gone. Cheaper than {@link #get}. */
    public Resident resident(long pid) {
        try {
            long rss = -1;
            long peak = 0;
            for (String line : Files.readAllLines(proc.resolve(Long.toString(pid)).resolve("status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmRSS:")) {
                    rss = kilobytes(line) * 1024;
                } else if (line.startsWith("VmHWM:")) {
                    peak = kilobytes(line) * 1024;
                }
            }
            return rss < 0 ? null : new Resident(rss, peak); // a zombie has no VmRSS left
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private RunningProcess read(Path dir) {
        try {
            long pid = Long.parseLong(dir.getFileName().toString());
            long rss = 0;
            long peak = 0;
            String name = "";
            String uid = "";
            for (String line : Files.readAllLines(dir.resolve("status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmRSS:")) {
                    rss = kilobytes(line) * 1024;
                } else if (line.startsWith("VmHWM:")) {
                    peak = kilobytes(line) * 1024;
                } else if (line.startsWith("Name:")) {
                    name = line.substring(5).trim();
                } else if (line.startsWith("Uid:")) {
                    uid = line.substring(4).trim().split("\\s+")[0];
                }
            }
            String command = commandLine(dir);
            Boolean jvm = mapsJvm(dir);
            return new RunningProcess(pid, user(uid), rss, peak, command.isEmpty() ? "[" + name + "]" : command,
                    Boolean.TRUE.equals(jvm), jvm == null, null);
        } catch (IOException | RuntimeException e) {
            return null; // exited while read, or not readable at all
        }
    }

    private static long kilobytes(String line) {
        String[] parts = line.substring(line.indexOf(':') + 1).trim().split("\\s+");
        return Long.parseLong(parts[0]);
    }

    private static String commandLine(Path dir) {
        try {
            byte[] raw = Files.readAllBytes(dir.resolve("cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (IOException e) {
            return "";
        }
    }

    /** Whether the process maps libjvm: a HotSpot JVM, whatever its launcher is called; null when not readable. */
    private static Boolean mapsJvm(Path dir) {
        try (var lines = Files.lines(dir.resolve("maps"), StandardCharsets.ISO_8859_1)) {
            return lines.anyMatch(l -> l.endsWith("/libjvm.so"));
        } catch (IOException | java.io.UncheckedIOException e) {
            return null; // another user's process: its maps are not readable
        }
    }

    private String user(String uid) {
        if (uid.isEmpty()) {
            return "?";
        }
        if (users == null) { // read once, not once a process
            users = new java.util.HashMap<>();
            try {
                for (String line : Files.readAllLines(Path.of("/etc/passwd"), StandardCharsets.UTF_8)) {
                    String[] f = line.split(":");
                    if (f.length > 2) {
                        users.putIfAbsent(f[2], f[0]);
                    }
                }
            } catch (IOException e) {
                // no passwd: the numbers will do
            }
        }
        return users.getOrDefault(uid, uid);
    }
}
