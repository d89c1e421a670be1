package dev.mowai.arena.ws;

import dev.mowai.arena.service.ArenaService;
import dev.mowai.arena.protocol.Limits;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.buffer.Buffer;

/**
 * Agent sockets. Seed clients dial the bare arena URL ({@code ws://host:port}), so the upgrade is
 * accepted at {@code /} (a plain {@code GET /} still serves the UI) and at {@code /ws}.
 * Handlers run on the event loop: they only feed the relay, which does no blocking work but a file append.
 */
public final class AgentEndpoints {

    private AgentEndpoints() {
    }

    /** Vert.x refuses a message above the socket limit while aggregating it; say so with 1009. */
    static void tooBig(WebSocketConnection conn, IllegalStateException e) {
        String why = e.getMessage() != null && e.getMessage().contains("max message size")
                ? "message too big: the socket limit is " + MAX_MESSAGE + " bytes, the protocol limit "
                        + Limits.FRAME_BYTES
                : "internal error";
        conn.close(new CloseReason(why.startsWith("message") ? 1009 : 1011, why)).subscribe().with(ok -> { }, err -> { });
    }

    /** What websockets-next puts in its auto-ping frames. */
    static final String AUTO_PING = "ping";

    /** Must match quarkus.websockets-next.server.max-message-size. */
    static final int MAX_MESSAGE = 65536;

    /**
     * The callbacks both paths share. websockets-next wants one annotated class per path and finds
     * callback methods on superclasses, so each path is a subclass that only names its path. Public:
     * a package-private superclass makes javac copy its public methods, annotations included, into
     * each subclass as bridges, and websockets-next would then see every callback twice.
     */
    public abstract static class AgentSocket {
        private final ArenaService arena;

        protected AgentSocket(ArenaService arena) {
            this.arena = arena;
        }

        @OnOpen
        @NonBlocking
        public void open(WebSocketConnection conn) {
            StrictText.watch(conn, MAX_MESSAGE);
            String address = conn.userData().get(AgentUpgradeCheck.ADDRESS);
            arena.agentOpened(conn, address != null ? address : conn.handshakeRequest().remoteAddress());
        }

        @OnTextMessage
        @NonBlocking
        public void text(WebSocketConnection conn, String frame) {
            StrictText.deliver(conn, frame, () -> arena.agentFrame(conn, frame));
        }

        @OnBinaryMessage
        @NonBlocking
        public void binary(WebSocketConnection conn, Buffer data) {
            arena.agentBinary(conn);
        }

        /**
         * Unsolicited pongs are a sign of life; answers to the transport's own keepalive pings
         * (quarkus.websockets-next.server.auto-ping-interval, payload "ping") only prove the socket,
         * not the agent, so they do not count against silence.
         */
        @OnPongMessage
        @NonBlocking
        public void pong(WebSocketConnection conn, Buffer data) {
            if (!AUTO_PING.equals(data.toString())) {
                arena.agentHeard(conn);
            }
        }

        @OnClose
        @NonBlocking
        public void close(WebSocketConnection conn) {
            arena.agentClosed(conn);
        }

        @OnError
        @NonBlocking
        public void error(WebSocketConnection conn, IllegalStateException e) {
            tooBig(conn, e);
        }
    }

    @WebSocket(path = "/", endpointId = Root.ID)
    public static class Root extends AgentSocket {
        static final String ID = "agent-root";

        public Root(ArenaService arena) {
            super(arena);
        }
    }

    @WebSocket(path = "/ws", endpointId = Named.ID)
    public static class Named extends AgentSocket {
        static final String ID = "agent-ws";

        public Named(ArenaService arena) {
            super(arena);
        }
    }
}
