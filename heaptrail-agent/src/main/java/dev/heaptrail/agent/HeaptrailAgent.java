package dev.heaptrail.agent;

import java.lang.instrument.Instrumentation;

/**
 * {@code -javaagent:heaptrail-agent.jar=port=9404,...} at start-up, or loaded into a running JVM by
 * {@code heaptrail agent attach PID}. Starts the {@link Monitor} on a daemon thread and returns at
 * once; whatever fails is a warning on stderr, never an exception into the application's start.
 */
public final class HeaptrailAgent {

    private HeaptrailAgent() {}

    public static void premain(String args, Instrumentation instrumentation) {
        start(args);
    }

    public static void agentmain(String args, Instrumentation instrumentation) {
        start(args);
    }

    private static void start(String args) {
        if (Heaptrail.running() != null) {
            System.err.println("heaptrail-agent: already monitoring this JVM (metrics port " + Heaptrail.running().port()
                    + "); the new options are ignored");
            return;
        }
        Thread t = new Thread(() -> {
            try {
                Heaptrail.monitor(args);
            } catch (IllegalArgumentException e) {
                System.err.println("heaptrail-agent: not started: " + e.getMessage());
            } catch (Throwable e) {
                System.err.println("heaptrail-agent: not started: " + e);
            }
        }, "heaptrail-agent-start");
        t.setDaemon(true);
        t.start();
    }
}
