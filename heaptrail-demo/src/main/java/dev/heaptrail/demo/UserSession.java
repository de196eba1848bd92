package dev.heaptrail.demo;

import java.util.HashMap;
import java.util.Map;

/** One user's session with a render cache that makes each one cost about a kilobyte. */
final class UserSession {

    private final String user;
    private final long openedAt;
    private final Map<String, String> attributes = new HashMap<>();
    private final byte[] renderCache;

    UserSession(String user, long openedAt) {
        this.user = user;
        this.openedAt = openedAt;
        this.renderCache = new byte[512 + Math.floorMod(user.hashCode(), 1024)];
    }

    Map<String, String> attributes() {
        return attributes;
    }

    @Override
    public String toString() {
        return user + "@" + openedAt;
    }
}
