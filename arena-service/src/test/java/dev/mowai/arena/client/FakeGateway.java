package dev.mowai.arena.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A stand-in for the inference gateway on a real socket: {@code POST /v1/chat/completions} in the OpenAI
 * format, checking the caller's signature as the gateway does (HMAC-SHA256 of {@code mowai-gateway|arena|ms}
 * with the arena's key) and refusing with the gateway's 401 when it does not hold. What it answers is set
 * per test ({@link #reply}, {@link #refuse}, {@link #stall}); every call is kept in {@link #calls}.
 */
public final class FakeGateway implements QuarkusTestResourceLifecycleManager {

    /** The arena's %test.mowai.gateway-arena-key, held here as the gateway holds it. */
    static final String ARENA_KEY = "test-gateway-key-of-the-arena";
    /** The moderator's per-attempt deadline in these tests. */
    static final String TIMEOUT_MS = "3000";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as it arrived. */
    public record Call(String caller, boolean signed, JsonNode body) {
    }

    private HttpServer server;
    public final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String content = "conclusion";
    private volatile long stallMs;

    public void reply(String text) {
        status = 200;
        content = text;
        stallMs = 0;
    }

    public void refuse(int httpStatus, String message) {
        status = httpStatus;
        content = message;
        stallMs = 0;
    }

    public void stall(long ms) {
        reply("too late");
        stallMs = ms;
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
        return Map.of("mowai.gateway-url", "http://127.0.0.1:" + server.getAddress().getPort(),
                GatewayModerator.TIMEOUT_KEY, TIMEOUT_MS);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            JsonNode body = JSON.readTree(ex.getRequestBody());
            String caller = ex.getRequestHeaders().getFirst("X-Mowai-Agent");
            boolean signed = proves(caller, ex.getRequestHeaders().getFirst("X-Mowai-Agent-Signature"));
            calls.add(new Call(caller, signed, body));
            if (!signed) {
                send(ex, 401, error("X-Mowai-Agent-Signature: does not sign X-Mowai-Agent " + caller));
                return;
            }
            if (stallMs > 0) {
                Thread.sleep(stallMs);
            }
            if (status != 200) {
                send(ex, status, error(content));
                return;
            }
            var reply = JSON.createObjectNode();
            reply.put("id", "chatcmpl-fake").put("object", "chat.completion");
            var choice = reply.putArray("choices").addObject();
            choice.put("index", 0).put("finish_reason", "stop");
            choice.putObject("message").put("role", "assistant").put("content", content);
            send(ex, 200, reply.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String error(String message) {
        var e = JSON.createObjectNode();
        e.putObject("error").put("message", message).put("type", "invalid_request_error");
        return e.toString();
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    /** The gateway's check, written out: {@code <ms>.<base64url HMAC>} over the caller id and that time. */
    private static boolean proves(String caller, String signature) {
        if (caller == null || signature == null || signature.indexOf('.') < 1) {
            return false;
        }
        String ms = signature.substring(0, signature.indexOf('.'));
        try {
            if (Math.abs(System.currentTimeMillis() - Long.parseLong(ms)) > 60_000) {
                return false;
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(ARENA_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal(("mowai-gateway|" + caller + "|" + ms).getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(expected, Base64.getUrlDecoder().decode(signature.substring(ms.length() + 1)));
        } catch (IllegalArgumentException | java.security.GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(this, new TestInjector.MatchesType(FakeGateway.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
