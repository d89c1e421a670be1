package dev.mowai.runner.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The inference gateway's HTTP API on a real socket for the runner's Quarkus tests: answers
 * {@code POST /v1/chat/completions} like the gateway's echo backend ({@code echo: <last user
 * message>}), records each request, and can be switched to fail with the gateway's error body.
 * Also gives every test run a fresh data directory.
 */
public class FakeGateway implements QuarkusTestResourceLifecycleManager {

    record Call(String agent, String signature, JsonNode body) {
    }

    static final List<Call> CALLS = new CopyOnWriteArrayList<>();
    static volatile int failWith;
    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            server.createContext("/v1/models", ex -> reply(ex, 200, "{\"object\":\"list\",\"data\":[{\"id\":\"echo\"}]}"));
            server.createContext("/v1/chat/completions", this::complete);
            server.start();
            Path data = Files.createTempDirectory("mowai-runner-test");
            return Map.of("mowai.gateway-url", "http://127.0.0.1:" + server.getAddress().getPort(),
                    "mowai.data-dir", data.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void complete(HttpExchange ex) throws IOException {
        JsonNode body = JSON.readTree(ex.getRequestBody());
        CALLS.add(new Call(ex.getRequestHeaders().getFirst("X-Mowai-Agent"),
                ex.getRequestHeaders().getFirst("X-Mowai-Agent-Signature"), body));
        if (failWith != 0) {
            reply(ex, failWith, "{\"error\":{\"message\":\"backend is down (test)\",\"type\":\"server_error\"}}");
            return;
        }
        JsonNode messages = body.path("messages");
        String last = messages.get(messages.size() - 1).path("content").asText();
        reply(ex, 200, JSON.writeValueAsString(Map.of("id", "x", "object", "chat.completion",
                "choices", List.of(Map.of("index", 0, "message", Map.of("role", "assistant", "content", "echo: " + last),
                        "finish_reason", "stop")))));
    }

    /** A JSON answer with the exchange closed; the fake replica answers the same way. */
    static void reply(HttpExchange ex, int status, String json) throws IOException {
        try (ex) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, bytes.length);
            ex.getResponseBody().write(bytes);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
