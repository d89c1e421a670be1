package dev.mowai.runner.rest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Another runner replica on a real socket, hosting one agent ({@link #REMOTE_ID}): answers the
 * owner probe, a trial, its console (an endless event stream, counted while open) and its local
 * agent list the way the runner's API does, and records what it was sent.
 */
public class FakeReplica implements QuarkusTestResourceLifecycleManager {

    static final String REMOTE_ID = "9b2f7c1e-5d4a-4e3b-8c2d-1a0f9e8d7c6b";
    static final String KEY = "replica-test-key";

    record Seen(String method, String path, String forwardedBy, String authorization, String body, String replicaKey) {
    }

    static final List<Seen> SEEN = new CopyOnWriteArrayList<>();
    /** Console streams the replica is still writing to. */
    static final java.util.concurrent.atomic.AtomicInteger OPEN_CONSOLES = new java.util.concurrent.atomic.AtomicInteger();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            server.createContext("/", this::handle);
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool()); // consoles stream on their own threads
            server.start();
            return Map.of("mowai.cluster.peers", "127.0.0.1:" + server.getAddress().getPort(),
                    "mowai.cluster.self", "runner-test",
                    "mowai.cluster.key", KEY,
                    "mowai.cluster.pool-size", "2",
                    "mowai.data-dir", Files.createTempDirectory("mowai-runner-fwd").toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = ex.getRequestURI().toString();
        SEEN.add(new Seen(ex.getRequestMethod(), path, ex.getRequestHeaders().getFirst("X-Mowai-Forwarded-By"),
                ex.getRequestHeaders().getFirst("Authorization"), body, ex.getRequestHeaders().getFirst("X-Mowai-Replica-Key")));
        String agent = "{\"id\":\"" + REMOTE_ID + "\",\"name\":\"Remote\",\"color\":\"#fff\",\"persona\":\"pragmatist\","
                + "\"state\":\"active\",\"arena\":\"joined\",\"createdAt\":1}";
        if (path.equals("/agents?scope=local")) {
            FakeGateway.reply(ex, 200, "[" + agent + "]");
        } else if (path.equals("/agents/" + REMOTE_ID) && ex.getRequestMethod().equals("GET")) {
            FakeGateway.reply(ex, 200, agent);
        } else if (path.startsWith("/agents/" + REMOTE_ID + "/logs")) {
            console(ex);
        } else if (path.equals("/agents/" + REMOTE_ID + "/trial")) {
            FakeGateway.reply(ex, 200, "{\"thoughts\":[],\"response\":\"answered by the owner\",\"durationMs\":1,\"llmCalls\":0}");
        } else {
            FakeGateway.reply(ex, 404, "{\"error\":\"no agent\"}");
        }
    }

    /** A console that never ends: a line now and then, until writing fails because the reader is gone. */
    private static void console(HttpExchange ex) throws IOException {
        OPEN_CONSOLES.incrementAndGet();
        try (ex) {
            ex.getResponseHeaders().add("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            for (int i = 0; ; i++) {
                ex.getResponseBody().write(("data: {\"text\":\"line " + i + "\"}\n\n").getBytes(StandardCharsets.UTF_8));
                ex.getResponseBody().flush();
                Thread.sleep(100);
            }
        } catch (IOException | InterruptedException e) {
            // the reader went away
        } finally {
            OPEN_CONSOLES.decrementAndGet();
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
