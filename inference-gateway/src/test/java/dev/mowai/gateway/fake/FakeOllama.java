package dev.mowai.gateway.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake Ollama speaking its real HTTP API on a real loopback socket: {@code POST /api/chat}
 * (one JSON reply, or NDJSON chunks when the request says "stream":true), {@code GET /api/tags} and
 * {@code POST /api/pull} (NDJSON progress). Tests steer it: a gate that holds replies (a stream:
 * each chunk after the first) until a test releases them, delays, failure statuses, going down and
 * coming back on the same port. It records every chat request body (parsed whole: the client
 * pretty-prints JSON), counts concurrency, and notices at once when a client closes the connection
 * of an unfinished chat call, as Ollama does: that call stops and counts as aborted.
 *
 * <p>Benchmarks give it a {@link Pace}: then it answers as fast as a real server would (parallel slots,
 * a queue beyond them, prefill and tokens per second), and {@code GET /_fake/stats} (not Ollama's API)
 * tells another process how many calls it served and how many tokens it read and wrote.
 *
 * <p>Vert.x rather than the JDK's HttpServer because only Vert.x reports a closed connection while the
 * handler is not writing.
 */
public final class FakeOllama implements AutoCloseable {

    private final ObjectMapper json = new ObjectMapper();
    private final Vertx vertx = Vertx.vertx();
    /** 0 until first bound; then kept so that a restart comes back on the same port. */
    private int port;
    private HttpServer server;

    private final List<String> models = new CopyOnWriteArrayList<>(List.of("phi3.5:latest"));
    private final List<JsonNode> chatRequests = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger abortedCalls = new AtomicInteger();
    private volatile Semaphore gate;
    private volatile int failStatus;
    private volatile long delayMs;
    private volatile long tokenDelayMs;
    /** The pace and its slots (null: no pacing); the slots are guarded by themselves. */
    private volatile Paced paced;
    /** Paced requests waiting for a slot, each with what completes when it gets one; guarded by the slots. */
    private final Map<Object, CompletableFuture<Void>> turnOf = new HashMap<>();
    private final AtomicLong promptTokens = new AtomicLong();
    private final AtomicLong replyTokens = new AtomicLong();

    public FakeOllama(int port) throws IOException {
        this.port = port;
        start();
    }

    public static FakeOllama onFreePort() throws IOException {
        return new FakeOllama(0);
    }

    public synchronized void start() throws IOException {
        if (server != null) return;
        HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(port).setReuseAddress(true);
        try {
            server = await(vertx.createHttpServer(options).requestHandler(this::route).listen());
        } catch (CompletionException e) {
            throw new IOException("fake Ollama cannot listen on port " + port, e.getCause());
        }
        port = server.actualPort();
    }

    /** Stops answering: the port refuses connections until {@link #start()}. */
    public synchronized void stop() {
        if (server == null) return;
        await(server.close());
        server = null;
    }

    @Override
    public void close() {
        stop();
        await(vertx.close());
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

    /** From now on chat replies come at this pace (null: at once, as before); calls in progress keep theirs. */
    public void pace(Pace p) {
        paced = p == null ? null : new Paced(p, new Slots<>(p.slots()));
    }

    private record Paced(Pace pace, Slots<Object> slots) {
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
        pace(null);
        promptTokens.set(0);
        replyTokens.set(0);
        chatRequests.clear();
        maxInFlight.set(0);
        abortedCalls.set(0);
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

    /** Chat calls whose client closed the connection before the reply was complete (Ollama then stops generating). */
    public int abortedCalls() {
        return abortedCalls.get();
    }

    /** The reply the fake gives: a function of the last message, so tests can tell replies apart. */
    public static String replyTo(String lastMessage) {
        return "fake says: " + lastMessage;
    }

    // ---- handlers -------------------------------------------------------------------------

    /** The client closed the connection before the reply was complete. */
    private static final class Aborted extends Exception {
        Aborted() {
            super(null, null, false, false);
        }
    }

    /** One request; its handler runs on its own virtual thread because the gate and delays block. */
    private final class Exchange {
        final HttpServerRequest req;
        final HttpServerResponse res;
        volatile boolean aborted;

        Exchange(HttpServerRequest req) {
            this.req = req;
            this.res = req.response();
            res.closeHandler(v -> aborted = !res.ended());
        }

        void send(int status, String body) throws Aborted {
            res.setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8");
            write(() -> res.end(body));
        }

        void startLines() {
            res.setStatusCode(200).setChunked(true).putHeader("Content-Type", "application/x-ndjson");
        }

        void line(String l) throws Aborted {
            write(() -> res.write(l + "\n"));
        }

        void end() throws Aborted {
            write(res::end);
        }

        private void write(java.util.function.Supplier<Future<Void>> op) throws Aborted {
            if (aborted) throw new Aborted();
            try {
                await(op.get());
            } catch (CompletionException | IllegalStateException e) {
                throw new Aborted();
            }
        }

        /** Waits for a permit while the gate is closed; gives up when the client went away. */
        void passGate() throws Aborted {
            Semaphore g = gate;
            if (g == null) return;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            try {
                while (!g.tryAcquire(10, TimeUnit.MILLISECONDS)) {
                    if (aborted) throw new Aborted();
                    if (System.nanoTime() > end) throw new IllegalStateException("fake Ollama gate never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void route(HttpServerRequest req) {
        Exchange ex = new Exchange(req);
        req.body().onSuccess(body -> Thread.ofVirtual().start(() -> {
            try {
                switch (req.path()) {
                    case "/api/chat" -> chat(ex, body);
                    case "/api/tags" -> tags(ex);
                    case "/api/pull" -> pull(ex, body);
                    case "/_fake/stats" -> stats(ex);
                    default -> ex.send(404, "{\"error\":\"not found\"}");
                }
            } catch (Aborted e) {
                // the client left; nothing more to send
            }
        }));
    }

    private void chat(Exchange ex, Buffer body) throws Aborted {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            if (ex.req.method() != io.vertx.core.http.HttpMethod.POST) {
                ex.send(405, "{\"error\":\"method not allowed\"}");
                return;
            }
            JsonNode req = parse(ex, body);
            if (req == null) return;
            chatRequests.add(req);
            boolean streaming = req.path("stream").asBoolean(false);
            pause(delayMs);
            if (!streaming) ex.passGate(); // a stream passes the gate after each chunk instead
            if (failStatus != 0) {
                ex.send(failStatus, "{\"error\":\"fake failure " + failStatus + "\"}");
                return;
            }
            String model = req.path("model").asText();
            if (models.stream().noneMatch(m -> m.equals(model) || m.equals(model + ":latest"))) {
                ex.send(404, "{\"error\":\"model \\\"" + model + "\\\" not found, try pulling it first\"}");
                return;
            }
            JsonNode msgs = req.path("messages");
            Paced p = paced;
            if (p != null) {
                paced(ex, p.pace(), p.slots(), model, msgs, streaming, req.at("/options/num_predict").asInt(0));
                return;
            }
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
                ex.send(200, out.toString());
            }
        } catch (Aborted e) {
            abortedCalls.incrementAndGet();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void stream(Exchange ex, String model, String[] words, int promptTokens) throws Aborted {
        ex.startLines();
        for (String w : words) {
            ex.line(base(model, w, false).toString());
            pause(tokenDelayMs);
            ex.passGate();
        }
        ObjectNode done = base(model, "", true);
        done.put("done_reason", "stop").put("prompt_eval_count", promptTokens).put("eval_count", words.length);
        ex.line(done.toString());
        ex.end();
    }

    /**
     * A reply at the pace of a real server: waits for a slot, reads the prompt, then produces one token
     * per token time (streamed as it comes, or sent whole at the end). A client that hangs up frees its
     * slot (or its place in the queue) at once.
     */
    private void paced(Exchange ex, Pace p, Slots<Object> s, String model, JsonNode msgs, boolean streaming, int numPredict)
            throws Aborted {
        StringBuilder prompt = new StringBuilder();
        for (JsonNode m : msgs) prompt.append(m.path("content").asText()).append('\n');
        int promptCount = Pace.promptTokens(prompt.length());
        String system = msgs.size() > 1 ? msgs.get(0).path("content").asText() : "";
        String[] words = pacedReply(system, prompt.toString(), p.replyTokens(numPredict));
        Object me = new Object();
        CompletableFuture<Void> turn = new CompletableFuture<>();
        synchronized (s) {
            if (s.arrive(me)) turn.complete(null);
            else turnOf.put(me, turn);
        }
        try {
            awaitTurn(ex, turn);
            Pace.Plan plan = p.plan(System.nanoTime(), promptCount, words.length);
            promptTokens.addAndGet(promptCount);
            if (streaming) ex.startLines();
            for (int i = 0; i < words.length; i++) {
                sleepUntil(ex, plan.tokenAt(i));
                replyTokens.incrementAndGet();
                if (streaming) ex.line(base(model, words[i], false).toString());
            }
            ObjectNode done = streaming ? base(model, "", true) : base(model, String.join("", words), true);
            done.put("done_reason", "stop").put("prompt_eval_count", promptCount).put("eval_count", words.length)
                    .put("eval_duration", plan.tokenNanos() * words.length);
            if (streaming) {
                ex.line(done.toString());
                ex.end();
            } else {
                ex.send(200, done.toString());
            }
        } finally {
            synchronized (s) {
                if (s.withdraw(me)) turnOf.remove(me);
                else s.release(me).ifPresent(next -> turnOf.remove(next).complete(null));
            }
        }
    }

    /** Waits for a slot, giving up (and so leaving the queue) when the client went away. */
    private static void awaitTurn(Exchange ex, CompletableFuture<Void> turn) throws Aborted {
        while (true) {
            try {
                turn.get(10, TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException e) {
                if (ex.aborted) throw new Aborted();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Aborted();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Sleeps until the given System.nanoTime(), noticing within 10 ms when the client went away. */
    private static void sleepUntil(Exchange ex, long nanos) throws Aborted {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            if (ex.aborted) throw new Aborted();
            try {
                Thread.sleep(Math.min(10, Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Aborted();
            }
        }
        if (ex.aborted) throw new Aborted();
    }

    /**
     * A paced reply of {@code tokens} words (one word a token), as chunks with their trailing space: a
     * POSITION line, a reason, then filler. The position is the one the prompt mentions most ("option A"
     * … "option C", as a debate round's digest of the others' answers does), else one chosen by the
     * system prompt (the persona): so a room starts divided and drifts to a majority, as debaters do.
     */
    static String[] pacedReply(String system, String prompt, int tokens) {
        int[] mentions = new int[3];
        Matcher m = OPTION.matcher(prompt);
        while (m.find()) mentions[m.group(1).charAt(0) - 'A']++;
        int pick = Math.floorMod(system.hashCode(), 3);
        for (int i = 0; i < 3; i++) if (mentions[i] > mentions[pick]) pick = i;
        String head = "POSITION: option " + "ABC".charAt(pick) + ".\nThis holds because the fake model weighs the prompt this way;";
        List<String> words = new ArrayList<>(List.of(head.split("(?<= )")));
        while (words.size() < tokens) words.add("more ");
        return words.subList(0, tokens).toArray(String[]::new);
    }

    private static final Pattern OPTION = Pattern.compile("option ([ABC])\\b");

    private void stats(Exchange ex) throws Aborted {
        ObjectNode out = json.createObjectNode();
        out.put("chatCalls", chatRequests.size()).put("inFlight", inFlight.get()).put("maxInFlight", maxInFlight.get())
                .put("aborted", abortedCalls.get()).put("promptTokens", promptTokens.get()).put("replyTokens", replyTokens.get());
        Paced now = paced;
        if (now != null) {
            Pace p = now.pace();
            Slots<Object> s = now.slots();
            out.putObject("pace").put("slots", p.slots()).put("prefillTokensPerSecond", p.prefillTokensPerSecond())
                    .put("tokensPerSecond", p.tokensPerSecond()).put("replyTokens", p.replyTokens());
            synchronized (s) {
                out.put("queued", s.waiting()).put("maxQueued", s.maxWaiting());
            }
        }
        ex.send(200, out.toString());
    }

    private ObjectNode base(String model, String content, boolean done) {
        ObjectNode n = json.createObjectNode();
        n.put("model", model).put("created_at", "2026-11-24T00:00:00Z");
        n.putObject("message").put("role", "assistant").put("content", content);
        n.put("done", done);
        return n;
    }

    private void tags(Exchange ex) throws Aborted {
        ObjectNode out = json.createObjectNode();
        var list = out.putArray("models");
        for (String m : models) {
            ObjectNode e = list.addObject().put("name", m).put("model", m).put("size", 2176178913L).put("digest", "abc");
            e.putObject("details").put("family", "phi3");
        }
        ex.send(200, out.toString());
    }

    private void pull(Exchange ex, Buffer body) throws Aborted {
        JsonNode req = parse(ex, body);
        if (req == null) return;
        String model = req.path("model").asText(req.path("name").asText());
        ex.startLines();
        String[] lines = {
                "{\"status\":\"pulling manifest\"}",
                "{\"status\":\"pulling abc\",\"digest\":\"sha256:abc\",\"total\":1000,\"completed\":0}",
                "{\"status\":\"pulling abc\",\"digest\":\"sha256:abc\",\"total\":1000,\"completed\":500}",
                "{\"status\":\"pulling abc\",\"digest\":\"sha256:abc\",\"total\":1000,\"completed\":1000}",
                "{\"status\":\"verifying sha256 digest\"}",
                "{\"status\":\"writing manifest\"}",
                "{\"status\":\"success\"}"};
        for (String l : lines) ex.line(l);
        models.add(model.contains(":") ? model : model + ":latest");
        ex.end();
    }

    /** The request's JSON, or null after answering 400. */
    private JsonNode parse(Exchange ex, Buffer body) throws Aborted {
        try {
            return json.readTree(body.getBytes());
        } catch (IOException e) {
            ex.send(400, "{\"error\":\"invalid JSON\"}");
            return null;
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

    private static <T> T await(Future<T> f) {
        return f.toCompletionStage().toCompletableFuture().join();
    }
}
