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
 * owner probe, a trial and its local agent list the way the runner's API does, and records what
 * it was sent.
 */
public class FakeReplica implements QuarkusTestResourceLifecycleManager {

    static final String REMOTE_ID = "9b2f7c1e-5d4a-4e3b-8c2d-1a0f9e8d7c6b";

    record Seen(String method, String path, String forwardedBy, String authorization, String body) {
    }

    static final List<Seen> SEEN = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            server.createContext("/", this::handle);
            server.start();
            return Map.of("mowai.cluster.peers", "127.0.0.1:" + server.getAddress().getPort(),
                    "mowai.cluster.self", "runner-test",
                    "mowai.data-dir", Files.createTempDirectory("mowai-runner-fwd").toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = ex.getRequestURI().toString();
        SEEN.add(new Seen(ex.getRequestMethod(), path, ex.getRequestHeaders().getFirst("X-Mowai-Forwarded-By"),
                ex.getRequestHeaders().getFirst("Authorization"), body));
        String agent = "{\"id\":\"" + REMOTE_ID + "\",\"name\":\"Remote\",\"color\":\"#fff\",\"persona\":\"pragmatist\","
                + "\"state\":\"active\",\"arena\":\"joined\",\"createdAt\":1}";
        if (path.equals("/agents?scope=local")) {
            FakeGateway.reply(ex, 200, "[" + agent + "]");
        } else if (path.equals("/agents/" + REMOTE_ID) && ex.getRequestMethod().equals("GET")) {
            FakeGateway.reply(ex, 200, agent);
        } else if (path.equals("/agents/" + REMOTE_ID + "/trial")) {
            FakeGateway.reply(ex, 200, "{\"thoughts\":[],\"response\":\"answered by the owner\",\"durationMs\":1,\"llmCalls\":0}");
        } else {
            FakeGateway.reply(ex, 404, "{\"error\":\"no agent\"}");
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
