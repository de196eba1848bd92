package dev.heaptrail.live;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;

import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a heap dump of a running JVM: attach, start its local management agent, and call
 * {@code HotSpotDiagnosticMXBean.dumpHeap} over JMX. The target JVM writes the file itself; it
 * is then restricted to its owner (0600), because heap dumps hold secrets.
 */
public final class HeapDumper {

    private HeapDumper() {}

    /**
     * Dumps the heap of process {@code pid} to {@code file} (which must end in .hprof and not exist).
     *
     * @param live true to dump only reachable objects (the target runs a full GC first)
     */
    public static void dump(long pid, Path file, boolean live) throws IOException {
        Path absolute = file.toAbsolutePath();
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(Long.toString(pid));
        } catch (AttachNotSupportedException e) {
            throw new AttachFailedException("cannot attach to process " + pid + ": " + e.getMessage()
                    + " (is it a HotSpot JVM run by this user, without -XX:+DisableAttachMechanism?)", e);
        } catch (IOException e) {
            throw new AttachFailedException("cannot attach to process " + pid + ": " + e.getMessage(), e);
        }
        try {
            String address = vm.startLocalManagementAgent();
            try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
                MBeanServerConnection connection = connector.getMBeanServerConnection();
                HotSpotDiagnosticMXBean diagnostic = ManagementFactory.newPlatformMXBeanProxy(connection,
                        "com.sun.management:type=HotSpotDiagnostic", HotSpotDiagnosticMXBean.class);
                diagnostic.dumpHeap(absolute.toString(), live);
            }
        } finally {
            vm.detach();
        }
        if (!Files.exists(absolute)) {
            throw new AttachFailedException("process " + pid + " wrote no dump at " + absolute, null);
        }
        try {
            Files.setPosixFilePermissions(absolute, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): its ACLs already limit the file to the JVM's user.
        }
    }
}
