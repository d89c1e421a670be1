package dev.mowai.gateway.rest;

import dev.mowai.gateway.contract.Contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/** Test helper: talks to the gateway over real HTTP (JDK client, or a raw socket to hang up mid-request). */
public final class GatewayClient {

    public static final ObjectMapper JSON = new ObjectMapper();
    /** %test.mowai.gateway.key: requests for an agent are signed with it, as the runner signs them. */
    public static final String KEY = "test-gateway-key-of-the-runners";
    /** %test.mowai.gateway.arena-key: the arena's moderator signs its caller id "arena" with it. */
    public static final String ARENA_KEY = "test-gateway-key-of-the-arena";
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final int port;

    public GatewayClient(int port) {
        this.port = port;
    }

    public static String chatBody(String userMessage, boolean stream) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode msgs = body.putArray("messages");
        msgs.addObject().put("role", "user").put("content", userMessage);
        body.put("stream", stream);
        return body.toString();
    }

    public HttpResponse<String> post(String agent, String body) {
        return postAsync(agent, body).join();
    }

    public CompletableFuture<HttpResponse<String>> postAsync(String agent, String body) {
        return postAsync(agent, agent == null ? null : signature(KEY, agent, System.currentTimeMillis()), body);
    }

    /** A request with the given X-Mowai-Agent and X-Mowai-Agent-Signature (either may be null: not sent). */
    public CompletableFuture<HttpResponse<String>> postAsync(String agent, String signature, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (agent != null) b.header(Contract.AGENT_HEADER, agent);
        if (signature != null) b.header(Contract.SIGNATURE_HEADER, signature);
        return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The runner's recipe, as contracts/services.json says: {@code <ms>.<base64url HMAC-SHA256(key, "mowai-gateway|agent|ms")>}. */
    public static String signature(String key, String agent, long ms) {
        return Contract.signature(key, agent, ms);
    }

    public HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    /** Sends a chat request on a raw socket that the test can close to play a caller that goes away. */
    public Socket rawPost(String agent, String body) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + Contract.AGENT_HEADER + ": " + agent + "\r\n" + Contract.SIGNATURE_HEADER + ": " + signature(KEY, agent, System.currentTimeMillis())
                + "\r\nContent-Length: " + b.length + "\r\n\r\n";
        OutputStream out = s.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(b);
        out.flush();
        return s;
    }

    /** Reads from the socket until {@code marker} appeared. */
    public static String readUntil(Socket s, String marker) throws IOException {
        s.setSoTimeout(20_000);
        InputStream in = s.getInputStream();
        StringBuilder sb = new StringBuilder();
        byte[] buf = new byte[4096];
        while (!sb.toString().contains(marker)) {
            int n = in.read(buf);
            if (n < 0) throw new IOException("closed before '" + marker + "': " + sb);
            sb.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    /** Waits for a condition the test cannot observe synchronously; fails after 20 s. */
    public static void await(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting until " + what);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
