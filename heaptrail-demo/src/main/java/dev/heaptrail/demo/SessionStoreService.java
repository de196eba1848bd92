package dev.heaptrail.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A small service with the classic leak: every request opens a session in a static store that
 * never evicts. {@code heaptrail demo} runs it in a child JVM, waits for "ready", dumps its heap
 * and diagnoses it. Usage: {@code SessionStoreService [REQUESTS]}; exits on a line (or end) of stdin.
 */
public final class SessionStoreService {

    private final SessionStore sessions = new SessionStore();
    private final RecentPages recentPages = new RecentPages(256);

    public static void main(String[] args) throws IOException {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        SessionStoreService service = new SessionStoreService();
        for (int i = 0; i < requests; i++) {
            service.handle("user-" + i, "/page/" + (i % 500));
        }
        System.out.println("ready " + requests + " " + SessionStore.size());
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    }

    void handle(String user, String page) {
        UserSession session = sessions.open(user);
        session.attributes().put("lastPage", page);
        session.attributes().put("locale", "en-GB");
        session.attributes().put("cart", new StringBuilder("items:").append(user.hashCode() & 0xff).toString());
        recentPages.visit(page); // bounded: not a leak
    }
}
