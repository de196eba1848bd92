package dev.heaptrail.live;

import com.sun.management.HotSpotDiagnosticMXBean;
import javax.management.MBeanServerConnection;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a heap dump of a running JVM through its {@code GC.heap_dump} diagnostic command. The
 * target JVM writes the file itself; it is then restricted to its owner (0600), because heap
 * dumps hold secrets. Refuses when the disk has less room than the heap in use.
 */
public final class HeapDumper {

    /** Room kept free beyond the expected dump size. */
    private static final long MARGIN = 64L << 20;

    private HeapDumper() {}

    /**
     * Dumps the heap of process {@code pid} to {@code file} (which must not exist).
     *
     * @param live true to dump only reachable objects (the target runs a full GC first)
     */
    public static void dump(long pid, Path file, boolean live) throws IOException {
        dump(pid, file, live, false);
    }

    /**
     * As {@link #dump(long, Path, boolean)}, gzip-compressed with {@code gzip} (the target
     * compresses: JDK 15 and later).
     */
    public static void dump(long pid, Path file, boolean live, boolean gzip) throws IOException {
        Path absolute = file.toAbsolutePath();
        if (Files.exists(absolute)) {
            throw new AttachFailedException(absolute + " exists already: choose another file (-o)", null);
        }
        Path folder = absolute.getParent();
        try (JvmConnection jvm = JvmConnection.to(pid)) {
            MBeanServerConnection server = jvm.server();
            long used = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.MEMORY_MXBEAN_NAME,
                    MemoryMXBean.class).getHeapMemoryUsage().getUsed();
            long free = Files.getFileStore(folder).getUsableSpace();
            if (!gzip && free < used + MARGIN) {
                throw new AttachFailedException("not enough room in " + folder + " for the dump of process " + pid + ": "
                        + (free >> 20) + " MiB free, the heap uses " + (used >> 20) + " MiB (free some, choose another folder"
                        + " with -o, or use --gz)", null);
            }
            if (gzip) {
                jcmdGzip(pid, absolute, live);
            } else {
                HotSpotDiagnosticMXBean diagnostic = ManagementFactory.newPlatformMXBeanProxy(server,
                        "com.sun.management:type=HotSpotDiagnostic", HotSpotDiagnosticMXBean.class);
                diagnostic.dumpHeap(absolute.toString(), live); // the JVM wants a name ending in .hprof
            }
            if (!Files.exists(absolute)) {
                throw new AttachFailedException("process " + pid + " wrote no dump at " + absolute, null);
            }
        }
        try {
            Files.setPosixFilePermissions(absolute, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): its ACLs already limit the file to the JVM's user.
        }
    }

    /**
     * A compressed dump: the {@code GC.heap_dump -gz} diagnostic command is not offered over JMX,
     * so the JDK's own jcmd asks for it.
     */
    private static void jcmdGzip(long pid, Path file, boolean live) throws IOException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            throw new AttachFailedException("--gz needs the JDK's jcmd, not found at " + jcmd + " (run heaptrail with a JDK,"
                    + " or dump without --gz)", null);
        }
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(jcmd.toString(), Long.toString(pid),
                "GC.heap_dump"));
        if (!live) {
            command.add("-all");
        }
        command.add("-gz=1");
        command.add(file.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        try {
            if (!p.waitFor(10, java.util.concurrent.TimeUnit.MINUTES) || p.exitValue() != 0 || said.contains("Exception")) {
                p.destroyForcibly();
                throw new AttachFailedException("process " + pid + " did not write a compressed dump: "
                        + said.lines().reduce((x, y) -> y).orElse("jcmd failed"), null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AttachFailedException("interrupted while process " + pid + " wrote its dump", e);
        }
    }
}
