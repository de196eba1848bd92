package dev.heaptrail.analysis.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A child-JVM program: one session held many ways. A static map holds three sessions; a holder
 * (retaining a large array of its own) and ten listeners (each retaining a different amount) refer to
 * the first; the listeners sit in a static list. Says "ready PID" and waits for stdin.
 */
public final class HeldSession {

    static final Map<String, Session> SESSIONS = new HashMap<>();
    static final List<Listener> LISTENERS = new ArrayList<>();
    static Holder holder;

    static final class Session {
        final byte[] payload = new byte[4096];
    }

    static final class Holder {
        final Session favourite;
        final long[] own = new long[50_000];

        Holder(Session s) {
            favourite = s;
        }
    }

    static final class Listener {
        final Session session;
        final long[] state;

        Listener(Session s, int i) {
            session = s;
            state = new long[(i + 1) * 100];
        }
    }

    public static void main(String[] args) throws Exception {
        build(); // in a method of its own, so no local variable of main's frame roots a session
        System.out.println("ready " + ProcessHandle.current().pid());
        System.in.read();
        System.out.println(holder.favourite.payload.length + LISTENERS.size());
    }

    private static void build() {
        for (int i = 0; i < 3; i++) {
            SESSIONS.put("session-" + i, new Session());
        }
        Session first = SESSIONS.get("session-0");
        holder = new Holder(first);
        for (int i = 0; i < 10; i++) {
            LISTENERS.add(new Listener(first, i));
        }
    }
}
