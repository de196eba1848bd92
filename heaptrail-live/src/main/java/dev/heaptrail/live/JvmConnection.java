package dev.heaptrail.live;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;

import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.IOException;

/**
 * A running JVM's management interface: attach, start its local management agent, connect over
 * JMX. Closing detaches. Failures say what is wrong with the target and what to do.
 */
public final class JvmConnection implements AutoCloseable {

    private final VirtualMachine vm;
    private final JMXConnector connector;
    private final MBeanServerConnection server;

    private JvmConnection(VirtualMachine vm, JMXConnector connector) throws IOException {
        this.vm = vm;
        this.connector = connector;
        this.server = connector.getMBeanServerConnection();
    }

    /**
     * Attaches to process {@code pid} (does I/O). Only to a JVM: the attach protocol signals the
     * target with SIGQUIT, which would end any other process.
     */
    public static JvmConnection to(long pid) throws AttachFailedException {
        RunningProcess process = new ProcessTable().get(pid);
        if (process == null && ProcessHandle.of(pid).isEmpty()) {
            throw new AttachFailedException("no process " + pid + " (it exited, or never ran here)", null);
        }
        if (process != null && process.hidden()) {
            throw new AttachFailedException("process " + pid + " (" + process.command() + ") belongs to user "
                    + process.user() + ": running as " + System.getProperty("user.name") + ", heaptrail can neither tell"
                    + " whether it is a JVM nor attach to it; run heaptrail as " + process.user() + " or as root", null);
        }
        if (process != null && !process.jvm()) {
            throw new AttachFailedException("process " + pid + " (" + process.command() + ") is not a JVM: no libjvm loaded"
                    + " (heaptrail watch follows any process; histo and dump need a JVM)", null);
        }
        VirtualMachine vm;
        try {
            StaleAttachSocket.removeIfStale(pid);
            vm = VirtualMachine.attach(Long.toString(pid));
        } catch (AttachNotSupportedException e) {
            if (process != null && process.command().contains("-XX:+DisableAttachMechanism")) {
                throw new AttachFailedException("process " + pid + " runs with -XX:+DisableAttachMechanism: it refuses"
                        + " every attach; restart it without that option (heaptrail watch still follows its resident"
                        + " memory)", e);
            }
            throw new AttachFailedException("cannot attach to process " + pid + ": " + e.getMessage()
                    + " (is it a HotSpot JVM run by this user, without -XX:+DisableAttachMechanism?)", e);
        } catch (IOException e) {
            throw new AttachFailedException("cannot attach to process " + pid + ": " + e.getMessage()
                    + " (a JVM of another user needs to be reached as that user)", e);
        }
        try {
            String address = vm.startLocalManagementAgent();
            return new JvmConnection(vm, JMXConnectorFactory.connect(new JMXServiceURL(address)));
        } catch (IOException | RuntimeException e) {
            try {
                vm.detach();
            } catch (IOException ignored) {
                // the failure below says what matters
            }
            throw new AttachFailedException("attached to process " + pid + " but could not reach its management agent: "
                    + e.getMessage(), e);
        }
    }

    /** The target's system properties, read through attach (no JMX). */
    public java.util.Properties systemProperties() throws IOException {
        return vm.getSystemProperties();
    }

    /**
     * Loads a Java agent into the target ({@code agentmain}). Throws the attach API's exceptions:
     * AgentLoadException when the target refuses (e.g. -XX:-EnableDynamicAgentLoading),
     * AgentInitializationException when agentmain threw.
     */
    public void loadAgent(String jar, String options) throws IOException, com.sun.tools.attach.AgentLoadException,
            com.sun.tools.attach.AgentInitializationException {
        vm.loadAgent(jar, options);
    }

    /**
     * Loads a native agent library into the target ({@code Agent_OnAttach}), as async-profiler is
     * loaded: {@code library} is an absolute path as the target sees it. The attach API passes
     * {@code options} whole, where jcmd's {@code JVMTI.agent_load} splits them at '='. Throws
     * AgentLoadException when the library does not load there, AgentInitializationException when
     * Agent_OnAttach returned an error.
     */
    public void loadAgentPath(String library, String options) throws IOException, com.sun.tools.attach.AgentLoadException,
            com.sun.tools.attach.AgentInitializationException {
        vm.loadAgentPath(library, options);
    }

    public MBeanServerConnection server() {
        return server;
    }

    @Override
    public void close() throws IOException {
        try {
            connector.close();
        } finally {
            vm.detach();
        }
    }
}
