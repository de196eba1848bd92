package dev.heaptrail.live;

import javax.management.MBeanServerConnection;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.RuntimeMXBean;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads a running JVM's heap figures and Java version through the attach API and its local
 * management agent. A JVM that cannot be attached (another user's, attach disabled, too old, or
 * not answering within the time allowed) gives null: {@code ps} lists it without them.
 */
public final class JvmProbe {

    private JvmProbe() {}

    /** The heap of process {@code pid}, or null when it cannot be read within {@code timeoutMillis}. */
    public static RunningProcess.JvmHeap heap(long pid, long timeoutMillis) {
        FutureTask<RunningProcess.JvmHeap> task = new FutureTask<>(() -> read(pid));
        Thread t = new Thread(task, "heaptrail-attach-" + pid);
        t.setDaemon(true); // an attach that hangs must not keep the command alive
        t.start();
        try {
            return task.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    private static RunningProcess.JvmHeap read(long pid) throws Exception {
        try (JvmConnection jvm = JvmConnection.to(pid)) {
            MBeanServerConnection c = jvm.server();
            MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(c, ManagementFactory.MEMORY_MXBEAN_NAME,
                    MemoryMXBean.class);
            RuntimeMXBean runtime = ManagementFactory.newPlatformMXBeanProxy(c, ManagementFactory.RUNTIME_MXBEAN_NAME,
                    RuntimeMXBean.class);
            MemoryUsage heap = memory.getHeapMemoryUsage();
            String version = runtime.getSystemProperties().getOrDefault("java.version", runtime.getSpecVersion());
            return new RunningProcess.JvmHeap(heap.getUsed(), heap.getCommitted(), heap.getMax(), version);
        }
    }
}
