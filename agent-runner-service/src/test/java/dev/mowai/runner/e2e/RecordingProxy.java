package dev.mowai.runner.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A transparent HTTP proxy in front of the gateway that records what the runner (and the arena's
 * moderator) sends (agent header and body), so that the test can see the persona system prompt arriving
 * at the gateway and count the LLM calls.
 */
final class RecordingProxy implements AutoCloseable {

    record Seen(String path, String agent, String body) {
    }

    private static final Set<String> HOP = Set.of("connection", "content-length", "host", "transfer-encoding", "upgrade",
            "expect", "keep-alive");

    final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    RecordingProxy(int port, String target) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                String path = exchange.getRequestURI().toString();
                seen.add(new Seen(path, exchange.getRequestHeaders().getFirst("X-Mowai-Agent"), new String(body)));
                HttpRequest.Builder out = HttpRequest.newBuilder(URI.create(target + path)).timeout(Duration.ofSeconds(60))
                        .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
                exchange.getRequestHeaders().forEach((k, vs) -> {
                    if (!HOP.contains(k.toLowerCase())) {
                        vs.forEach(v -> out.header(k, v));
                    }
                });
                HttpResponse<byte[]> res = client.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
                res.headers().map().forEach((k, vs) -> {
                    if (!HOP.contains(k.toLowerCase()) && !k.startsWith(":")) {
                        exchange.getResponseHeaders().put(k, vs);
                    }
                });
                exchange.sendResponseHeaders(res.statusCode(), res.body().length == 0 ? -1 : res.body().length);
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(res.body());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the runner sees a failed call, which is what a broken gateway looks like
            }
        });
        server.start();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
