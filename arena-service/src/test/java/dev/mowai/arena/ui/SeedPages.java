package dev.mowai.arena.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Serves the seed's own client files (src/test/seed, verbatim copies of the seed repository) the way
 * the seed serves them: its spectator page at {@code /} with its {@code /components/}, and the
 * participant runtime under {@code /runtime/}. Also serves a harness page of ours that only imports
 * the seed's {@code arena-client.mjs}, for the test to drive it. Before serving, every copy is checked
 * against its git blob id in seed-files.txt: the test must run the seed's text, not an edited one.
 */
final class SeedPages implements AutoCloseable {

    static final Path SEED = Path.of("src", "test", "seed");
    private static final Path ARENA_UI = SEED.resolve("packages/arena-ui");
    private static final Path PARTICIPANT_UI = SEED.resolve("packages/participant-ui");

    /** Ours, not the seed's: exposes the seed's client module and records the DOM events it fires. */
    private static final String HARNESS = """
            <!doctype html>
            <meta charset="utf-8">
            <title>seed arena-client harness (test code, not the seed's)</title>
            <script type="module">
              import * as client from '/runtime/arena-client.mjs';
              window.seen = { events: [], peers: [] };
              for (const type of ['arena-connected', 'arena-error', 'arena-disconnected', 'task']) {
                document.addEventListener(type, (e) => window.seen.events.push({ type, detail: e.detail ?? null }));
              }
              window.seedClient = client;
            </script>
            """;

    private final HttpServer server;

    SeedPages() throws IOException {
        verifyCopies();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    URI url(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
    }

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            Path file = path.equals("/") || path.equals("/index.html") ? ARENA_UI.resolve("index.html")
                    : path.startsWith("/components/") ? ARENA_UI.resolve(path.substring(1))
                    : path.startsWith("/runtime/") ? PARTICIPANT_UI.resolve(path.substring(1))
                    : null;
            byte[] body;
            String type;
            if (path.equals("/harness.html")) {
                body = HARNESS.getBytes(StandardCharsets.UTF_8);
                type = "text/html; charset=utf-8";
            } else if (file != null && file.normalize().startsWith(SEED) && Files.isRegularFile(file)) {
                body = Files.readAllBytes(file);
                type = path.endsWith(".mjs") ? "application/javascript; charset=utf-8" : "text/html; charset=utf-8";
            } else {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
        }
    }

    /** Each line of seed-files.txt: the git blob id of the file at the seed's commit, and its path. */
    static void verifyCopies() throws IOException {
        List<String> lines = Files.readAllLines(SEED.resolve("seed-files.txt"));
        Map<String, String> wrong = new TreeMap<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] idAndPath = line.split(" ", 2);
            String actual = gitBlobId(Files.readAllBytes(SEED.resolve(idAndPath[1])));
            if (!actual.equals(idAndPath[0])) {
                wrong.put(idAndPath[1], "blob " + actual + ", the seed's is " + idAndPath[0]);
            }
        }
        if (!wrong.isEmpty()) {
            throw new IllegalStateException("src/test/seed differs from the seed's files (re-run src/test/seed/fetch.sh): " + wrong);
        }
    }

    static String gitBlobId(byte[] content) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha1.digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
