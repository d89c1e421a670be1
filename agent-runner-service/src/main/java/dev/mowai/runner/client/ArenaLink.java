package dev.mowai.runner.client;

import dev.mowai.runner.core.AgentCell;
import dev.mowai.runner.component.agent.AgentInfo;
import dev.mowai.runner.core.ArenaOutbox;
import dev.mowai.runner.protocol.ArenaInbound;
import dev.mowai.runner.protocol.ArenaSession;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One agent's seat in the arena: a WebSocket client that speaks the protocol through an
 * {@link ArenaSession}, hands tasks and peer thoughts to the agent's cell and reconnects with
 * backoff when the connection drops. Thoughts and answers are sent from the agent's thread.
 */
public final class ArenaLink implements ArenaOutbox {

    /** How long after the ACK the replayed tasks are collected before the newest is taken. */
    private static final long REPLAY_SETTLE_MS = 300;

    private final Vertx vertx;
    private final WebSocketClient client;
    private final WebSocketConnectOptions target;
    private final ArenaSession session;
    private final AgentCell cell;
    private final Supplier<AgentInfo> info;
    private final Consumer<String> onTask;
    private final LongSupplier clock;
    private volatile WebSocket socket;

    public ArenaLink(Vertx vertx, WebSocketClient client, URI arena, ArenaSession session, AgentCell cell,
                     Supplier<AgentInfo> info, Consumer<String> onTask, LongSupplier clock) {
        this.vertx = vertx;
        this.client = client;
        this.target = options(arena);
        this.session = session;
        this.cell = cell;
        this.info = info;
        this.onTask = onTask;
        this.clock = clock;
    }

    /** The agents' endpoint of an arena URL: a bare {@code ws://host:port} means {@code /ws}. */
    public static WebSocketConnectOptions options(URI arena) {
        boolean tls = "wss".equalsIgnoreCase(arena.getScheme()) || "https".equalsIgnoreCase(arena.getScheme());
        int port = arena.getPort() > 0 ? arena.getPort() : tls ? 443 : 80;
        String path = arena.getRawPath() == null || arena.getRawPath().isEmpty() || arena.getRawPath().equals("/")
                ? "/ws" : arena.getRawPath();
        return new WebSocketConnectOptions().setHost(arena.getHost()).setPort(port).setSsl(tls).setURI(path)
                .setConnectTimeout(5_000);
    }

    public ArenaSession session() {
        return session;
    }

    public boolean joined() {
        return session.phase() == ArenaSession.Phase.JOINED;
    }

    public void start() {
        connect();
    }

    /** Leaves the arena for good (AGENT_DISCONNECT when joined) and closes the socket. */
    public void leave() {
        WebSocket ws = socket;
        session.leave(clock.getAsLong()).ifPresent(frame -> {
            if (ws != null) {
                ws.writeTextMessage(frame);
            }
        });
        if (ws != null) {
            ws.close((short) 1000, "agent left");
        }
    }

    @Override
    public boolean thought(String taskId, int step, String content) {
        return session.thought(clock.getAsLong(), taskId, step, content).map(this::send).orElse(false);
    }

    @Override
    public boolean response(String taskId, String content, long durationMs) {
        return session.response(clock.getAsLong(), taskId, content, durationMs).map(this::send).orElse(false);
    }

    private boolean send(String frame) {
        WebSocket ws = socket;
        if (ws == null || ws.isClosed()) {
            return false;
        }
        ws.writeTextMessage(frame);
        return true;
    }

    private void connect() {
        if (session.phase() == ArenaSession.Phase.LEFT) {
            return;
        }
        client.connect(target).onComplete(result -> {
            if (result.failed()) {
                closed("cannot connect: " + result.cause().getMessage());
                return;
            }
            WebSocket ws = result.result();
            if (session.phase() == ArenaSession.Phase.LEFT) {
                ws.close();
                return;
            }
            socket = ws;
            ws.textMessageHandler(this::received);
            ws.closeHandler(v -> closed("connection closed"
                    + (ws.closeStatusCode() == null ? "" : " (" + ws.closeStatusCode()
                    + (ws.closeReason() == null ? "" : " " + ws.closeReason()) + ")")));
            ws.exceptionHandler(e -> cell.say("warn", "arena connection error: " + e.getMessage()));
            ws.writeTextMessage(session.opened(clock.getAsLong(), info.get()));
        });
    }

    private void received(String frame) {
        ArenaInbound in = session.received(frame);
        switch (in) {
            case ArenaInbound.Ack ack -> {
                cell.say("info", "joined the arena (slot " + ack.slot() + ", "
                        + ack.connectedPeers() + " peers, arena " + ack.arenaVersion() + ")");
                // The arena replays its recent tasks right after the ACK; once they are in, take the newest.
                // A seat lost meanwhile gets the replay again when it rejoins.
                vertx.setTimer(REPLAY_SETTLE_MS, id -> session.replayOver().filter(t -> joined()).ifPresent(this::take));
            }
            case ArenaInbound.Task task -> take(task);
            case ArenaInbound.PeerThought t -> {
                if (!t.sourceAgentId().equals(session.agentId()) && session.reactsTo(t.taskId())) {
                    cell.peerThought(t.sourceAgentId(), t.taskId(), t.step(), t.content());
                }
            }
            case ArenaInbound.Ping ping -> session.pong(clock.getAsLong()).ifPresent(this::send);
            case ArenaInbound.Error error -> cell.say("warn", "the arena refused a message: " + error.reason());
            case ArenaInbound.Malformed bad -> cell.say("warn", "unreadable frame from the arena: " + bad.problem());
            case ArenaInbound.Ignored ignored -> { }
        }
    }

    private void take(ArenaInbound.Task task) {
        onTask.accept(task.taskId());
        cell.task(task.taskId(), task.description());
    }

    private void closed(String reason) {
        socket = null;
        session.closed(reason, ThreadLocalRandom.current().nextDouble()).ifPresent(delay -> {
            cell.say("warn", "arena " + reason + "; reconnecting in " + delay.toMillis() + " ms");
            vertx.setTimer(Math.max(1, delay.toMillis()), id -> connect());
        });
    }
}
