package dev.mowai.gateway.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake Ollama speaking its real HTTP API on a real loopback socket: {@code POST /api/chat}
 * (one JSON reply, or NDJSON chunks when the request says "stream":true), {@code GET /api/tags} and
 * {@code POST /api/pull} (NDJSON progress). Tests steer it: a gate that holds replies (a stream:
 * each chunk after the first) until a test releases them, delays, failure statuses, going down and coming back on the same port. It records
 * every chat request body (parsed whole: the client pretty-prints JSON) and counts concurrency.
 */
public final class FakeOllama implements AutoCloseable {

    private final ObjectMapper json = new ObjectMapper();
    /** 0 until first bound; then kept so that a restart comes back on the same port. */
    private int port;
    private HttpServer server;

    private final List<String> models = new CopyOnWriteArrayList<>(List.of("phi3.5:latest"));
    private final List<JsonNode> chatRequests = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger abortedStreams = new AtomicInteger();
    private volatile Semaphore gate;
    private volatile int failStatus;
    private volatile long delayMs;
    private volatile long tokenDelayMs;

    public FakeOllama(int port) throws IOException {
        this.port = port;
        start();
    }

    public static FakeOllama onFreePort() throws IOException {
        return new FakeOllama(0);
    }

    public synchronized void start() throws IOException {
        if (server != null) return;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/api/chat", this::chat);
        server.createContext("/api/tags", this::tags);
        server.createContext("/api/pull", this::pull);
        server.start();
        port = server.getAddress().getPort();
    }

    /** Stops answering: the port refuses connections until {@link #start()}. */
    public synchronized void stop() {
        if (server == null) return;
        server.stop(0);
        server = null;
    }

    @Override
    public void close() {
        stop();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    // ---- steering -------------------------------------------------------------------------

    /** From now on every chat reply (and every streamed chunk) waits for a permit from {@link #release(int)}. */
    public void hold() {
        gate = new Semaphore(0);
    }

    public void release(int permits) {
        Semaphore g = gate;
        if (g != null) g.release(permits);
    }

    /** Replies flow freely again; anything waiting at the gate goes on. */
    public void open() {
        Semaphore g = gate;
        gate = null;
        if (g != null) g.release(1_000_000);
    }

    public void failWith(int status) {
        failStatus = status;
    }

    public void delay(long millis) {
        delayMs = millis;
    }

    public void tokenDelay(long millis) {
        tokenDelayMs = millis;
    }

    public void setModels(List<String> names) {
        models.clear();
        models.addAll(names);
    }

    public void reset() {
        open();
        failStatus = 0;
        delayMs = 0;
        tokenDelayMs = 0;
        chatRequests.clear();
        maxInFlight.set(0);
        abortedStreams.set(0);
        setModels(List.of("phi3.5:latest"));
    }

    // ---- observations ---------------------------------------------------------------------

    public List<JsonNode> chatRequests() {
        return new ArrayList<>(chatRequests);
    }

    public boolean hasModel(String name) {
        return models.contains(name);
    }

    public int inFlight() {
        return inFlight.get();
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    public int abortedStreams() {
        return abortedStreams.get();
    }

    /** The reply the fake gives: a function of the last message, so tests can tell replies apart. */
    public static String replyTo(String lastMessage) {
        return "fake says: " + lastMessage;
    }

    // ---- handlers -------------------------------------------------------------------------

    private void chat(HttpExchange ex) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try (ex) {
            if (!"POST".equals(ex.getRequestMethod())) {
                send(ex, 405, "{\"error\":\"method not allowed\"}");
                return;
            }
            JsonNode req;
            try {
                req = json.readTree(ex.getRequestBody().readAllBytes());
            } catch (IOException e) {
                send(ex, 400, "{\"error\":\"invalid JSON\"}");
                return;
            }
            chatRequests.add(req);
            boolean streaming = req.path("stream").asBoolean(false);
            pause(delayMs);
            if (!streaming) passGate(); // a stream passes the gate after each chunk instead
            if (failStatus != 0) {
                send(ex, failStatus, "{\"error\":\"fake failure " + failStatus + "\"}");
                return;
            }
            String model = req.path("model").asText();
            if (models.stream().noneMatch(m -> m.equals(model) || m.equals(model + ":latest"))) {
                send(ex, 404, "{\"error\":\"model \\\"" + model + "\\\" not found, try pulling it first\"}");
                return;
            }
            JsonNode msgs = req.path("messages");
            String last = msgs.size() == 0 ? "" : msgs.get(msgs.size() - 1).path("content").asText();
            String reply = replyTo(last);
            String[] words = reply.split("(?<= )");
            int promptTokens = 0;
            for (JsonNode m : msgs) promptTokens += m.path("content").asText().split("\\s+").length;
            if (streaming) {
                stream(ex, model, words, promptTokens);
            } else {
                ObjectNode out = base(model, reply, true);
                out.put("done_reason", "stop").put("prompt_eval_count", promptTokens).put("eval_count", words.length)
                        .put("eval_duration", 1_000_000L * words.length);
                send(ex, 200, json.writeValueAsString(out));
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void stream(HttpExchange ex, String model, String[] words, int promptTokens) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/x-ndjson");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        try {
            for (String w : words) {
                out.write((json.writeValueAsString(base(model, w, false)) + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                pause(tokenDelayMs);
                passGate();
            }
            ObjectNode done = base(model, "", true);
            done.put("done_reason", "stop").put("prompt_eval_count", promptTokens).put("eval_count", words.length);
            out.write((json.writeValueAsString(done) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            abortedStreams.incrementAndGet(); // the client closed the connection mid-stream
        }
    }

    private ObjectNode base(String model, String content, boolean done) {
        ObjectNode n = json.createObjectNode();
        n.put("model", model).put("created_at", "2026-11-24T00:00:00Z");
        n.putObject("message").put("role", "assistant").put("content", content);
        n.put("done", done);
        return n;
    }

    private void tags(HttpExchange ex) throws IOException {
        try (ex) {
            StringBuilder sb = new StringBuilder("{\"models\":[");
            for (int i = 0; i < models.size(); i++) {
                if (i > 0) sb.append(',');
                sb.append("{\"name\":\"").append(models.get(i)).append("\",\"model\":\"").append(models.get(i))
                        .append("\",\"size\":2176178913,\"digest\":\"abc\",\"details\":{\"family\":\"phi3\"}}");
            }
            send(ex, 200, sb.append("]}").toString());
        }
    }

    private void pull(HttpExchange ex) throws IOException {
        try (ex) {
            JsonNode req = json.readTree(ex.getRequestBody().readAllBytes());
            String model = req.path("model").asText(req.path("name").asText());
            ex.getResponseHeaders().set("Content-Type", "application/x-ndjson");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            String[] lines = {
                    "{\"status\":\"pulling manifest\"}",
                    "{\"status\":\"pulling abc\",\"digest\":\"sha256:abc\",\"total\":1000,\"completed\":0}",
                    "{\"status\":\"pulling abc\",\"digest\":\"sha256:abc\",\"total\":1000,\"completed\":500}",
                    "{\"status\":\"pulling abc\",\"digest\":\"sha256:abc\",\"total\":1000,\"completed\":1000}",
                    "{\"status\":\"verifying sha256 digest\"}",
                    "{\"status\":\"writing manifest\"}",
                    "{\"status\":\"success\"}"};
            for (String l : lines) {
                out.write((l + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            models.add(model.contains(":") ? model : model + ":latest");
        }
    }

    private void passGate() {
        Semaphore g = gate;
        if (g == null) return;
        try {
            if (!g.tryAcquire(30, TimeUnit.SECONDS)) throw new IllegalStateException("fake Ollama gate never opened");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause(long ms) {
        if (ms <= 0) return;
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }
}
