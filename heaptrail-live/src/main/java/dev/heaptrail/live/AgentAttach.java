package dev.heaptrail.live;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Loads the heaptrail agent into a running JVM and waits until it has started: the attach
 * protocol of {@code heaptrail agent attach}. The agent announces itself by setting the system
 * property {@code heaptrail.agent.port} (-1 when it serves no metrics).
 */
public final class AgentAttach {

    /** How long the agent may take to start once loaded. */
    private static final long START_MILLIS = 20_000;

    /** What an attach found or did. */
    public sealed interface Outcome {}

    /** The JVM runs the agent already: left as it is. */
    public record AlreadyRunning(String port) implements Outcome {}

    /**
     * Loaded and started.
     *
     * @param javaFeature   the JVM's feature release (17, 21, ...), 0 when unknown
     * @param warnedByJvm   the JVM printed a warning about an agent loaded at run time (JDK 21 and later, by default)
     */
    public record Loaded(String port, int javaFeature, boolean warnedByJvm) implements Outcome {}

    private AgentAttach() {}

    /**
     * Loads {@code agentJar} with {@code options} into process {@code pid}, unless it runs the agent already.
     *
     * @throws AttachFailedException no such JVM, attach refused, agents loaded at run time refused, or the
     *                               agent did not start (each message says what to do instead)
     */
    public static Outcome load(long pid, Path agentJar, String options) throws IOException, InterruptedException {
        try (JvmConnection jvm = JvmConnection.to(pid)) {
            Properties props = jvm.systemProperties();
            String port = props.getProperty("heaptrail.agent.port");
            if (port != null) {
                return new AlreadyRunning(port);
            }
            int feature = feature(props.getProperty("java.specification.version", "0"));
            VMOption dynamic = dynamicAgentLoading(jvm);
            if (dynamic != null && dynamic.getValue().equals("false")) {
                throw new AttachFailedException("process " + pid + " runs with -XX:-EnableDynamicAgentLoading and refuses"
                        + " agents loaded at run time; restart it with -javaagent:" + agentJar
                        + (options.isBlank() ? "" : "=" + options) + ", or use 'heaptrail watch " + pid
                        + "', which needs no agent", null);
            }
            try {
                jvm.loadAgent(agentJar.toString(), options);
            } catch (com.sun.tools.attach.AgentLoadException | com.sun.tools.attach.AgentInitializationException e) {
                throw new AttachFailedException("process " + pid + " did not load the agent: " + e.getMessage()
                        + " (restart it with -javaagent:" + agentJar + ", or use 'heaptrail watch " + pid + "')", e);
            }
            String started = awaitStarted(jvm);
            if (started == null) {
                throw new AttachFailedException("the agent was loaded into process " + pid + " but did not start within"
                        + " 20 s: its reason is on that process's stderr ('heaptrail-agent: not started: ...')", null);
            }
            boolean warned = feature >= 21 && dynamic != null && dynamic.getOrigin() == VMOption.Origin.DEFAULT;
            return new Loaded(started, feature, warned);
        }
    }

    private static VMOption dynamicAgentLoading(JvmConnection jvm) {
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.newPlatformMXBeanProxy(jvm.server(),
                    "com.sun.management:type=HotSpotDiagnostic", HotSpotDiagnosticMXBean.class);
            return hotspot.getVMOption("EnableDynamicAgentLoading");
        } catch (IOException | RuntimeException e) {
            return null; // before JDK 21 there is no such option: agents load without a word
        }
    }

    /** The agent's port once it has started, or null after {@link #START_MILLIS}. */
    private static String awaitStarted(JvmConnection jvm) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_MILLIS * 1_000_000;
        while (System.nanoTime() < deadline) {
            String port = jvm.systemProperties().getProperty("heaptrail.agent.port");
            if (port != null) {
                return port;
            }
            Thread.sleep(100);
        }
        return null;
    }

    /** The feature release of a {@code java.specification.version}: "1.8" → 8, "21" → 21, else 0. */
    static int feature(String spec) {
        try {
            return Integer.parseInt(spec.startsWith("1.") ? spec.substring(2) : spec);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
