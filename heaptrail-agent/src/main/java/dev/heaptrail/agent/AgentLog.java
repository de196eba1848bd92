package dev.heaptrail.agent;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The agent's lines on the application's stderr, each prefixed; warnings about one cause said once. */
final class AgentLog {

    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    void info(String message) {
        System.err.println("heaptrail-agent: " + message);
    }

    /** Says {@code message} the first time {@code cause} comes up only. */
    void warnOnce(String cause, String message) {
        if (warned.add(cause)) {
            System.err.println("heaptrail-agent: warning: " + message);
        }
    }
}
