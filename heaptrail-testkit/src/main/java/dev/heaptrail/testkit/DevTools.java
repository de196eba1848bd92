package dev.heaptrail.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The Chrome DevTools protocol over one WebSocket (java.net.http), flattened sessions: a command is
 * {@code {"id","method","params","sessionId"?}}, its reply carries the id, an event carries a method.
 * Every wait is bounded. Used by {@link HeadlessChromium}.
 */
final class DevTools implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Duration timeout;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();
    private final List<Consumer<JsonNode>> listeners = new CopyOnWriteArrayList<>();
    private final WebSocket socket;
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

    private DevTools(URI endpoint, Duration timeout) throws IOException {
        this.timeout = timeout;
        this.socket = await(HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(timeout)
                .buildAsync(endpoint, new Listener()), "connecting to " + endpoint);
    }

    static DevTools connect(URI endpoint, Duration timeout) throws IOException {
        return new DevTools(endpoint, timeout);
    }

    /** Every event from now on, on the socket's thread: a listener must not wait for a reply. */
    void onEvent(Consumer<JsonNode> listener) {
        listeners.add(listener);
    }

    /** The first event named {@code method} in {@code sessionId} from now on. */
    CompletableFuture<JsonNode> next(String sessionId, String method) {
        CompletableFuture<JsonNode> event = new CompletableFuture<>();
        onEvent(e -> {
            if (method.equals(e.path("method").asText()) && sessionId.equals(e.path("sessionId").asText(null))) {
                event.complete(e.path("params"));
            }
        });
        return event;
    }

    /** Runs a command and waits for its result; a protocol error or no reply in time is an IOException. */
    JsonNode call(String sessionId, String method, ObjectNode params) throws IOException {
        return await(send(sessionId, method, params), method);
    }

    /** Sends a command without waiting (from a listener): its reply arrives later. */
    CompletableFuture<JsonNode> send(String sessionId, String method, ObjectNode params) {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params == null ? JSON.createObjectNode() : params);
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        replies.put(id, reply);
        String text = message.toString();
        synchronized (this) {
            // one message at a time on a WebSocket: each send waits for the one before
            sending = sending.handle((done, failed) -> null).thenCompose(x -> socket.sendText(text, true))
                    .whenComplete((ws, failed) -> {
                        if (failed != null) {
                            reply.completeExceptionally(failed);
                        }
                    });
        }
        return reply;
    }

    static ObjectNode params() {
        return JSON.createObjectNode();
    }

    <T> T await(CompletableFuture<T> future, String what) throws IOException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("Chromium did not answer " + what + " within " + timeout, e);
        } catch (ExecutionException e) {
            throw new IOException("Chromium failed " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + what, e);
        }
    }

    @Override
    public void close() {
        socket.abort();
        replies.values().forEach(r -> r.completeExceptionally(new IOException("the DevTools connection is closed")));
    }

    private void receive(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException e) {
            IOException garbled = new IOException("Chromium sent a message that is not JSON: " + text, e);
            replies.values().forEach(r -> r.completeExceptionally(garbled));
            return;
        }
        if (message.has("id")) {
            CompletableFuture<JsonNode> reply = replies.remove(message.get("id").asInt());
            if (reply != null && message.has("error")) {
                reply.completeExceptionally(new IOException(message.get("error").toString()));
            } else if (reply != null) {
                reply.complete(message.path("result"));
            }
        } else {
            listeners.forEach(l -> l.accept(message));
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder parts = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            parts.append(data);
            if (last) {
                String text = parts.toString();
                parts.setLength(0);
                receive(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            replies.values().forEach(r -> r.completeExceptionally(new IOException("Chromium closed the connection: " + reason)));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            replies.values().forEach(r -> r.completeExceptionally(error));
        }
    }
}
