package dev.mowai.runner.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/** A spectator on the arena's {@code /arena} feed, keeping every event it receives (resuming with {@code ?since=} when the arena drops it). */
final class Spectator implements AutoCloseable {

    final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final String arenaWs;
    private final AtomicLong lastSeq = new AtomicLong(-1);
    private volatile WebSocket socket;
    private volatile boolean closed;

    Spectator(String arenaWs) {
        this.arenaWs = arenaWs;
        connect("");
    }

    private void connect(String query) {
        StringBuilder partial = new StringBuilder();
        socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(arenaWs + "/arena" + query), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            try {
                                JsonNode event = Participant.JSON.readTree(partial.toString());
                                events.add(event);
                                lastSeq.accumulateAndGet(event.path("arenaSeq").asLong(-1), Math::max);
                            } catch (Exception e) {
                                // not an event; ignore
                            }
                            partial.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                        // A spectator that fell behind (4001 "too slow") resumes where it was, as the arena UI does.
                        if (!closed) {
                            CompletableFuture.runAsync(Spectator.this::resume);
                        }
                        return null;
                    }
                }).join();
    }

    /** Reconnects until it is back (a busy arena may time the handshake out) or closed. */
    private void resume() {
        while (!closed) {
            try {
                connect(lastSeq.get() < 0 ? "" : "?since=" + lastSeq.get());
                return;
            } catch (RuntimeException e) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    boolean saw(Predicate<JsonNode> p) {
        return events.stream().anyMatch(p);
    }

    /** Waits until an event matches; fails with a summary of what did arrive. */
    JsonNode await(String what, Predicate<JsonNode> p, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode e : events) {
                if (p.test(e)) {
                    return e;
                }
            }
            Thread.sleep(100);
        }
        StringBuilder sb = new StringBuilder();
        events.stream().skip(Math.max(0, events.size() - 30)).forEach(e -> sb.append(e.toString(), 0,
                Math.min(300, e.toString().length())).append('\n'));
        throw new AssertionError("spectator did not see " + what + " within " + timeout + "; last events:\n" + sb);
    }

    static Predicate<JsonNode> event(String type, String agentId, String taskId) {
        return e -> type.equals(e.path("type").asText()) && agentId.equals(e.path("agentId").asText())
                && taskId.equals(e.at("/payload/taskId").asText());
    }

    @Override
    public void close() {
        closed = true;
        socket.abort();
    }
}
