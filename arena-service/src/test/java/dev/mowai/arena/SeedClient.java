package dev.mowai.arena;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A test client that speaks the seed's arena protocol over a real WebSocket: JSON envelopes
 * {@code {type, agentId, slot, seq, ts, payload}}, a monotonic seq, and PONG on PING like seed agents.
 */
public final class SeedClient implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public final String agentId;
    private final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private final CompletableFuture<int[]> closeCode = new CompletableFuture<>();
    private final CompletableFuture<String> closeReason = new CompletableFuture<>();
    private final WebSocket ws;
    private volatile boolean answerPings = true;
    private volatile boolean paused;
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);
    private long seq;

    private SeedClient(URI uri, String agentId) {
        this.agentId = agentId;
        this.ws = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, new Listener()).join();
    }

    public static SeedClient open(URI uri) {
        return new SeedClient(uri, UUID.randomUUID().toString());
    }

    /** A client that uses someone else's agent id (as a squatter would). */
    public static SeedClient open(URI uri, String agentId) {
        return new SeedClient(uri, agentId);
    }

    /**
     * AGENT_CONNECT as a runner sends it: with {@code payload.credential}, HMAC-SHA256 of
     * {@code mowai-arena-connect|agentId|ts} under {@code key} (base64url, no padding).
     */
    public void connectProven(String name, String key) {
        long ts = System.currentTimeMillis();
        String credential;
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            credential = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    mac.doFinal(("mowai-arena-connect|" + agentId + "|" + ts).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
        sendEnvelope("AGENT_CONNECT", nextSeq(), ts, JSON.createObjectNode().put("name", name).put("color", "#22c55e")
                .put("persona", "pragmatist").put("version", "1.0.0").put("credential", credential));
    }

    /** Opens and joins; waits for ARENA_ACK. */
    public static SeedClient join(URI uri, String name) {
        SeedClient c = open(uri);
        c.connect(name, "#a78bfa", "contrarian");
        c.await("ARENA_ACK");
        return c;
    }

    /** Stops reading from the socket (a slow consumer): no more demand until {@link #resume()}. */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
        ws.request(Long.MAX_VALUE);
    }

    public void silent() {
        answerPings = false;
    }

    public void connect(String name, String color, String persona) {
        send("AGENT_CONNECT", JSON.createObjectNode().put("name", name).put("color", color)
                .put("persona", persona).put("version", "1.0.0"));
    }

    public void think(String taskId, int step, String content) {
        send("AGENT_THOUGHT", JSON.createObjectNode().put("content", content).put("step", step).put("taskId", taskId));
    }

    public void respond(String taskId, String content, long durationMs) {
        send("AGENT_RESPONSE", JSON.createObjectNode().put("content", content).put("taskId", taskId)
                .put("durationMs", durationMs));
    }

    /** Sends a well-formed envelope with the next seq and the current time. */
    public void send(String type, ObjectNode payload) {
        sendEnvelope(type, ++seq, System.currentTimeMillis(), payload);
    }

    public void sendEnvelope(String type, long seq, long ts, ObjectNode payload) {
        ObjectNode env = JSON.createObjectNode().put("type", type).put("agentId", agentId).put("slot", 0)
                .put("seq", seq).put("ts", ts);
        env.set("payload", payload);
        raw(env.toString());
    }

    public long nextSeq() {
        return ++seq;
    }

    public void raw(String frame) {
        sendAsync(frame).join();
    }

    /** The JDK allows one outstanding send: sends are chained, and the listener's PONGs never wait. */
    private synchronized CompletableFuture<?> sendAsync(String frame) {
        sending = sending.handle((v, e) -> null).thenCompose(v -> ws.sendText(frame, true));
        return sending;
    }

    /** Next frame of the given type; other frames met on the way are dropped. */
    public JsonNode await(String type) {
        return await(n -> type.equals(n.path("type").asText()), type);
    }

    public JsonNode await(Predicate<JsonNode> match, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                JsonNode n = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
                if (n == null) {
                    throw new AssertionError("no " + what + " within 10 s");
                }
                if (match.test(n)) {
                    return n;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Frames received so far that match, without waiting. */
    public List<JsonNode> drain(Predicate<JsonNode> match) {
        List<JsonNode> all = new ArrayList<>();
        inbox.drainTo(all);
        return all.stream().filter(match).toList();
    }

    /** Waits for the server to close; returns the close code. */
    public int awaitClose() {
        try {
            return closeCode.get(10, TimeUnit.SECONDS)[0];
        } catch (Exception e) {
            throw new AssertionError("socket not closed within 10 s", e);
        }
    }

    public String closeReason() {
        return closeReason.getNow(null);
    }

    public boolean isClosed() {
        return closeCode.isDone();
    }

    @Override
    public void close() {
        if (!closeCode.isDone()) {
            ws.abort();
        }
    }

    private void pong() {
        sendAsync("{\"type\":\"PONG\",\"ts\":" + System.currentTimeMillis() + "}");
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode n = JSON.readTree(frame);
                    if (answerPings && "PING".equals(n.path("type").asText())) {
                        pong();
                    }
                    inbox.add(n);
                } catch (Exception e) {
                    inbox.add(JSON.createObjectNode().put("type", "UNPARSEABLE").put("raw", frame));
                }
            }
            if (!paused) {
                socket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closeReason.complete(reason);
            closeCode.complete(new int[] {statusCode});
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closeReason.complete(String.valueOf(error));
            closeCode.complete(new int[] {-1});
        }
    }
}
