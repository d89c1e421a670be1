package dev.mowai.arena.ws;

import dev.mowai.arena.core.CloseCodes;
import dev.mowai.arena.service.ArenaService;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/** Read-only spectator feed: a snapshot, then every arena event; {@code ?since=<arenaSeq>} resumes. */
@WebSocket(path = "/arena")
public class SpectatorEndpoint {

    private final ArenaService arena;

    public SpectatorEndpoint(ArenaService arena) {
        this.arena = arena;
    }

    @OnOpen
    @NonBlocking
    public void open(WebSocketConnection conn) {
        OptionalLong since;
        try {
            String raw = queryParam(conn.handshakeRequest().query(), "since");
            since = raw == null || raw.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(raw));
            if (since.isPresent() && since.getAsLong() < 0) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) { // also bad numbers and bad %-escapes
            conn.close(new CloseReason(CloseCodes.POLICY, "since: must be a non-negative integer"))
                    .subscribe().with(ok -> { }, err -> { });
            return;
        }
        arena.spectatorOpened(conn, since);
    }

    /** The feed is read-only; anything a spectator sends is ignored. */
    @OnTextMessage
    @NonBlocking
    public void ignore(String frame) {
    }

    @OnClose
    @NonBlocking
    public void close(WebSocketConnection conn) {
        arena.spectatorClosed(conn);
    }

    static String queryParam(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
