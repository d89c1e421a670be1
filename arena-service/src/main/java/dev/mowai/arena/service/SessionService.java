package dev.mowai.arena.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mowai.arena.client.GatewayModerator;
import dev.mowai.arena.protocol.ArenaEvent;
import dev.mowai.arena.protocol.MessageType;
import dev.mowai.arena.protocol.RosterEntry;
import dev.mowai.arena.session.Broadcast;
import dev.mowai.arena.session.Debate;
import dev.mowai.arena.session.ModeratorPrompt;
import dev.mowai.arena.session.Participant;
import dev.mowai.arena.session.Room;
import dev.mowai.arena.session.SessionRecord;
import dev.mowai.arena.session.SessionSpec;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import org.jboss.logging.Logger;

/**
 * The shell around {@link Debate}: feeds it the agents' AGENT_RESPONSEs, the clock and the lead's
 * commands, sends the tasks it asks for through {@link ArenaService}, asks the gateway's moderator for
 * the conclusion when a session waits for it, and records every change in the arena's transcript, from
 * which a restarted arena gets its sessions back.
 */
@Startup
@ApplicationScoped
public class SessionService {

    private static final Logger LOG = Logger.getLogger(SessionService.class);
    private static final long TICK_MS = 1000;

    private final ArenaService arena;
    private final Vertx vertx;
    private final ObjectMapper json;
    private final GatewayModerator moderator;
    private final Map<String, Debate> sessions = new LinkedHashMap<>();
    /** Sessions whose moderator call is under way (guarded by {@code sessions}). */
    private final Set<String> moderating = new HashSet<>();
    private long timer = -1;

    public SessionService(ArenaService arena, Vertx vertx, ObjectMapper json, GatewayModerator moderator) {
        this.arena = arena;
        this.vertx = vertx;
        this.json = json;
        this.moderator = moderator;
    }

    @PostConstruct
    void start() {
        List<Debate> recovered = arena.recoveredSessions();
        synchronized (sessions) {
            recovered.forEach(d -> sessions.put(d.id(), d));
            // A call under way when the arena stopped is lost with it: ask again.
            recovered.stream().filter(Debate::awaitsModerator).forEach(this::moderate);
        }
        arena.onPublished(this::published);
        timer = vertx.setPeriodic(TICK_MS, id -> tick());
        long running = recovered.stream().filter(d -> !d.finished()).count();
        if (running > 0) {
            LOG.infof("sessions: resuming %d running session(s) from the transcript", running);
        }
    }

    @PreDestroy
    void stop() {
        vertx.cancelTimer(timer);
    }

    /** Starts a session; empty when no agent is connected (a debate needs someone to answer). */
    public Optional<Debate> create(SessionSpec spec) {
        Room room = room();
        if (room.present().isEmpty()) {
            return Optional.empty();
        }
        synchronized (sessions) {
            return Optional.of(apply(Debate.start(UUID.randomUUID().toString(), spec, room, now())));
        }
    }

    public List<Debate> all() {
        synchronized (sessions) {
            return List.copyOf(sessions.values());
        }
    }

    public Optional<Debate> get(String id) {
        synchronized (sessions) {
            return Optional.ofNullable(sessions.get(id));
        }
    }

    /** Closes the current round now; empty for an unknown id, IllegalStateException when finished. */
    public Optional<Debate> next(String id) {
        return change(id, (d, room) -> d.next(now(), room));
    }

    public Optional<Debate> stop(String id) {
        return change(id, (d, room) -> new Debate.Step(d.stop(now()), Optional.empty()));
    }

    private Optional<Debate> change(String id, BiFunction<Debate, Room, Debate.Step> how) {
        Room room = room();
        synchronized (sessions) {
            Debate d = sessions.get(id);
            return d == null ? Optional.empty() : Optional.of(apply(how.apply(d, room)));
        }
    }

    /** Runs under the arena's lock: only AGENT_RESPONSEs matter, and they are handled off it. */
    private void published(ArenaEvent event) {
        if (event.type() == MessageType.AGENT_RESPONSE) {
            vertx.runOnContext(v -> answered(event));
        }
    }

    private void answered(ArenaEvent event) {
        JsonNode payload;
        try {
            payload = json.readTree(event.json()).path("payload");
        } catch (IOException e) {
            return;
        }
        String taskId = payload.path("taskId").asText("");
        String content = payload.path("content").asText("");
        Room room = room();
        String name = room.present().stream().filter(p -> p.agentId().equals(event.agentId())).map(Participant::name)
                .findFirst().orElse(event.agentId());
        long now = now();
        synchronized (sessions) {
            for (Debate d : new ArrayList<>(sessions.values())) {
                if (!d.finished()) {
                    apply(d.answered(event.agentId(), name, taskId, content, now, room));
                }
            }
        }
    }

    private void tick() {
        Room room = room();
        long now = now();
        synchronized (sessions) {
            for (Debate d : new ArrayList<>(sessions.values())) {
                if (!d.finished()) {
                    apply(d.tick(now, room));
                }
            }
        }
    }

    /** Under {@code sessions}: records the change (memory, then the transcript), then sends the task it asks for. */
    private Debate apply(Debate.Step step) {
        Debate d = step.debate();
        Debate before = sessions.get(d.id());
        if (d.equals(before)) {
            return d;
        }
        sessions.put(d.id(), d);
        arena.record(SessionRecord.between(before, d));
        step.broadcast().ifPresent(this::send);
        if (d.awaitsModerator()) {
            moderate(d);
        }
        return d;
    }

    /** Under {@code sessions}: one call per waiting session; its outcome comes back as a change of the session. */
    private void moderate(Debate d) {
        if (!moderating.add(d.id())) {
            return;
        }
        moderator.conclude(ModeratorPrompt.of(moderator.persona(), d)).whenComplete((text, failure) -> {
            String reason = failure == null ? null : moderator.reason(failure);
            if (failure != null) {
                LOG.warnf("sessions: no conclusion for session %s: %s", d.id(), reason);
            }
            synchronized (sessions) {
                moderating.remove(d.id());
                Debate now = sessions.get(d.id());
                if (now != null) {
                    long at = now();
                    apply(Debate.Step.of(failure == null ? now.moderated(text, at) : now.moderationFailed(reason, at)));
                }
            }
        });
    }

    private void send(Broadcast b) {
        if (b.onlyAgentId() == null) {
            arena.postTask(b.taskId(), b.description(), b.reactions());
        } else if (!arena.sendTaskTo(b.onlyAgentId(), b.taskId(), b.description())) {
            LOG.warnf("sessions: synthesiser %s left before its task; the session waits for its timeout", b.onlyAgentId());
        }
    }

    /** The connected agents, and a fresh taskId for a round a transition may open. */
    private Room room() {
        List<Participant> present = arena.roster().stream().map(SessionService::participant).toList();
        return new Room(present, UUID.randomUUID().toString());
    }

    private static Participant participant(RosterEntry e) {
        return new Participant(e.agentId(), e.name(), e.persona());
    }

    private static long now() {
        return System.currentTimeMillis();
    }
}
