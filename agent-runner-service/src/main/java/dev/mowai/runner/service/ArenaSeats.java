package dev.mowai.runner.service;

import dev.mowai.runner.client.ArenaLink;
import dev.mowai.runner.config.RunnerConfig;
import dev.mowai.runner.component.agent.AgentInfo;
import dev.mowai.runner.core.Backoff;
import dev.mowai.runner.protocol.ArenaSession;
import dev.mowai.runner.protocol.ServiceKey;
import dev.mowai.runner.store.StoredAgent;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Each agent's seat in the arena: one WebSocket client connection per agent, with the roster entry it shows. */
@ApplicationScoped
public class ArenaSeats {

    @Inject
    RunnerConfig config;
    @Inject
    Vertx vertx;

    private WebSocketClient wsClient;
    private Optional<ServiceKey> agentKey;

    @PostConstruct
    void open() {
        agentKey = ServiceKey.of("mowai.agent-key", config.agentKey());
        if (agentKey.isEmpty() && config.arenaUrl().filter(s -> !s.isBlank()).isPresent()) {
            Logger.getLogger(ArenaSeats.class).warn("mowai.agent-key is not set: the agents' ids are first-come in the"
                    + " arena, and anybody who connects with one first takes its seat");
        }
        // One seat per agent, all to the same arena: Vert.x allows only 50 WebSockets per endpoint by default.
        wsClient = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(64 * 1024)
                .setConnectTimeout(5_000).setMaxConnections(config.runner().maxAgents() + 16));
    }

    /** Connects the agent to the arena (reconnecting with backoff), unless no arena is configured. */
    void take(HostedAgent hosted) {
        Optional<String> arena = config.arenaUrl().filter(s -> !s.isBlank());
        if (arena.isEmpty()) {
            hosted.cell.say("warn", "no arena configured (mowai.arena-url): the agent only takes trials");
            return;
        }
        ArenaSession session = new ArenaSession(hosted.id(),
                new Backoff(config.runner().reconnectBase(), config.runner().reconnectMax()), agentKey);
        ArenaLink link = new ArenaLink(vertx, wsClient, URI.create(arena.get()), session, hosted.cell,
                () -> rosterEntry(hosted), taskId -> hosted.dirty = true, System::currentTimeMillis);
        hosted.link = link;
        hosted.cell.connect(link);
        link.start();
    }

    void leave(HostedAgent hosted) {
        if (hosted.link != null) {
            hosted.link.leave();
        }
    }

    /**
     * After a hot swap: the roster shows what AGENT_CONNECT said, so a changed name or colour (or a seat
     * that is gone) needs a fresh seat.
     */
    void retakeIfChanged(HostedAgent hosted, AgentInfo before, AgentInfo after) {
        boolean seatGone = hosted.link == null || hosted.link.session().phase() == ArenaSession.Phase.LEFT;
        if (seatGone || before == null || !before.equals(after)) {
            leave(hosted);
            take(hosted);
        }
    }

    void close() {
        wsClient.close();
    }

    /** What the roster shows: the agent's get-info, with the upload's values where it left a field blank. */
    private static AgentInfo rosterEntry(HostedAgent hosted) {
        AgentInfo info = hosted.cell.info();
        StoredAgent r = hosted.record();
        if (info == null) {
            return new AgentInfo(r.name(), "0.0.0", r.color(), r.persona());
        }
        return new AgentInfo(info.name().isBlank() ? r.name() : info.name(),
                info.version().isBlank() ? "0.0.0" : info.version(),
                info.color().isBlank() ? r.color() : info.color(),
                info.persona().isBlank() ? r.persona() : info.persona());
    }
}
