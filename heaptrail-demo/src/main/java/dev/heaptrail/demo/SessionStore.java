package dev.heaptrail.demo;

import java.util.HashMap;
import java.util.Map;

/** The leak: sessions are added on login and never removed, not even when they expire. */
final class SessionStore {

    private static final Map<String, UserSession> SESSIONS = new HashMap<>();

    UserSession open(String user) {
        return SESSIONS.computeIfAbsent(user, u -> new UserSession(u, System.currentTimeMillis()));
    }

    static int size() {
        return SESSIONS.size();
    }
}
