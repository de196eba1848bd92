package dev.heaptrail.agent;

/**
 * heaptrail's monitor as a library call, for applications that prefer code to {@code -javaagent}:
 * <pre>{@code
 * Monitor monitor = Heaptrail.monitor("port=9404,actions=log+histogram+heapdump");
 * }</pre>
 * One monitor a JVM: a second call (or an agent loaded as well) returns the running one.
 */
public final class Heaptrail {

    private static Monitor running;

    private Heaptrail() {}

    /**
     * Starts monitoring with these options ({@code key=value,...}, see {@link AgentOptions}), read
     * after the environment's {@code HEAPTRAIL_AGENT_*} and a {@code config=} file. Throws
     * {@link IllegalArgumentException} for a bad option and the cause when the endpoint cannot be
     * served (port taken): a library call may fail where a {@code -javaagent} only warns.
     */
    public static synchronized Monitor monitor(String options) throws Exception {
        if (running != null) {
            return running;
        }
        Monitor m = new Monitor(AgentOptions.parse(options, System.getenv()));
        try {
            m.start();
        } catch (Exception e) {
            m.close();
            throw e;
        }
        running = m;
        // how `heaptrail agent attach` sees that this JVM is monitored already (and on which port)
        System.setProperty("heaptrail.agent.port", Integer.toString(m.port()));
        Runtime.getRuntime().addShutdownHook(new Thread(m::close, "heaptrail-agent-stop"));
        return m;
    }

    /** The running monitor, or null. */
    public static synchronized Monitor running() {
        return running;
    }
}
