package dev.mowai.arena.service;

import dev.mowai.arena.config.ArenaConfig;
import dev.mowai.arena.core.CloseCodes;
import dev.mowai.arena.core.ConnectProof;
import dev.mowai.arena.core.Effect;
import dev.mowai.arena.core.Relay;
import dev.mowai.arena.core.RelayInput;
import dev.mowai.arena.core.RelayState;
import dev.mowai.arena.core.Session;
import dev.mowai.arena.core.Transition;
import dev.mowai.arena.metrics.ArenaMetrics;
import dev.mowai.arena.protocol.ArenaEvent;
import dev.mowai.arena.protocol.MessageType;
import dev.mowai.arena.protocol.RosterEntry;
import dev.mowai.arena.protocol.Snapshot;
import dev.mowai.arena.transcript.ClaimFile;
import dev.mowai.arena.transcript.Transcript;
import io.quarkus.runtime.Startup;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The imperative shell around {@link Relay}: feeds it inputs one at a time, applies its effects
 * (transcript first, then agents and spectators), and owns the sockets and the clock.
 */
@Startup
@ApplicationScoped
public class ArenaService {

    private static final Logger LOG = Logger.getLogger(ArenaService.class);
    private static final int SNAPSHOT_THOUGHTS = 30;

    private final ArenaConfig config;
    private final ArenaMetrics metrics;
    private final Vertx vertx;
    private final Relay relay;
    private final Object lock = new Object();
    private final Map<String, Outbox> agents = new ConcurrentHashMap<>();
    private final Map<String, Spectator> spectators = new ConcurrentHashMap<>();
    private final long startedAt = System.currentTimeMillis();
    private RelayState state = RelayState.empty();
    private EventRing ring;
    private Transcript transcript;
    private ClaimFile claims;
    private volatile boolean transcriptHealthy = true;
    private long timer = -1;

    public ArenaService(ArenaConfig config, ArenaMetrics metrics, Vertx vertx) {
        this.config = config;
        this.metrics = metrics;
        this.vertx = vertx;
        this.relay = new Relay(config.relayConfig(), ConnectProof.of(config.agentKey()));
    }

    /**
     * Recovery runs when the bean is created: eagerly at start-up ({@link Startup}), or earlier if a
     * connection arrives first, so no socket ever sees a half-initialised relay.
     */
    @PostConstruct
    void start() throws IOException {
        transcript = Transcript.open(config.dataDir(), config.transcriptPolicy(), config.limits().spectatorQueue(),
                relay.config().recentTasks(), System::nanoTime);
        var recovered = transcript.recovered();
        if (recovered.damagedLines() > 0) {
            LOG.warnf("transcript: skipped %d damaged line(s) in %s", recovered.damagedLines(), transcript.file());
        }
        claims = ClaimFile.open(config.dataDir());
        if (config.agentKey().filter(k -> !k.isBlank()).isEmpty()) {
            LOG.warn("mowai.agent-key is not set: agent ids are first-come, and runner-hosted agents cannot prove theirs");
        }
        ring = new EventRing(config.limits().spectatorQueue(), recovered.lastSeq());
        recovered.recentEvents().forEach(ring::add);
        synchronized (lock) {
            state = RelayState.restored(recovered.lastSeq(), recovered.recentTasks(), claims.loaded());
            apply(relay.restore(state, recovered.orphans(), now()));
        }
        metrics.gauges(this::agentCount, spectators::size);
        timer = vertx.setPeriodic(config.limits().tick().toMillis(), id -> {
            step(new RelayInput.Tick(now()));
            syncTranscript();
        });
        LOG.infof("arena ready: transcript %s, arenaSeq %d, %d recent task(s)", transcript.file(),
                recovered.lastSeq(), recovered.recentTasks().size());
    }

    @PreDestroy
    void stop() throws IOException {
        vertx.cancelTimer(timer);
        if (transcript != null) {
            transcript.close();
        }
    }

    // ---- agents -------------------------------------------------------------------------------

    public void agentOpened(WebSocketConnection conn) {
        Context ctx = Vertx.currentContext();
        agents.put(conn.id(), new Outbox(conn, ctx, config.limits().agentQueue(), () -> tooSlow(conn)));
        step(new RelayInput.Opened(conn.id(), now()));
    }

    public void agentFrame(WebSocketConnection conn, String frame) {
        step(new RelayInput.Received(conn.id(), frame, now()));
    }

    public void agentHeard(WebSocketConnection conn) {
        step(new RelayInput.Heard(conn.id(), now()));
    }

    public void agentClosed(WebSocketConnection conn) {
        step(new RelayInput.Closed(conn.id(), now()));
        agents.remove(conn.id());
    }

    /** Called from inside a step (while offering); the close is stepped afterwards, outside the lock. */
    private void tooSlow(WebSocketConnection conn) {
        vertx.runOnContext(v -> closeSlowAgent(conn));
    }

    private void closeSlowAgent(WebSocketConnection conn) {
        if (agents.remove(conn.id()) == null) {
            return;
        }
        metrics.kick("slow");
        step(new RelayInput.Closed(conn.id(), now()));
        conn.close(new CloseReason(CloseCodes.TOO_SLOW, "too slow: more than " + config.limits().agentQueue()
                + " frames unread")).subscribe().with(ok -> { }, err -> { });
    }

    // ---- spectators ---------------------------------------------------------------------------

    /** Registers a spectator; {@code since} resumes after that arenaSeq. */
    public void spectatorOpened(WebSocketConnection conn, OptionalLong since) {
        Context ctx = Vertx.currentContext();
        synchronized (lock) {
            long latest = ring.latest();
            long oldest = ring.oldest();
            long from = since.isPresent() ? Math.min(since.getAsLong(), latest) + 1 : latest + 1;
            boolean gap = from < oldest;
            if (gap) {
                from = oldest;
            }
            Spectator s = new Spectator(conn, ctx, ring, config.limits().spectatorQueue(), from, this::spectatorSlow);
            String snapshot = Snapshot.build(roster(), state.recentTasks(),
                    ring.recent(e -> e.type() == MessageType.AGENT_THOUGHT || e.type() == MessageType.AGENT_RESPONSE,
                            SNAPSHOT_THOUGHTS),
                    latest, from, gap, now());
            spectators.put(conn.id(), s);
            s.start(snapshot);
            s.published(latest);
        }
    }

    public void spectatorClosed(WebSocketConnection conn) {
        spectators.remove(conn.id());
    }

    private void spectatorSlow(Spectator s) {
        spectators.remove(s.id());
        metrics.kick("slow-spectator");
    }

    // ---- lead and queries ---------------------------------------------------------------------

    public record TaskAccepted(String taskId, long arenaSeq, int agents) {
    }

    /** Broadcasts a task; the description must already be valid. */
    public TaskAccepted postTask(String description) {
        String taskId = UUID.randomUUID().toString();
        synchronized (lock) {
            step(new RelayInput.TaskPosted(taskId, description, now()));
            return new TaskAccepted(taskId, state.arenaSeq(), state.agents().size());
        }
    }

    public List<RosterEntry> roster() {
        RelayState s;
        synchronized (lock) {
            s = state;
        }
        return s.agents().stream()
                .map(j -> new RosterEntry(j.agentId(), j.slot(), j.profile().name(), j.profile().color(),
                        j.profile().persona(), j.profile().version(), j.connectedAt()))
                .toList();
    }

    public int agentCount() {
        synchronized (lock) {
            return state.agents().size();
        }
    }

    public int spectatorCount() {
        return spectators.size();
    }

    public long uptimeSeconds() {
        return (System.currentTimeMillis() - startedAt) / 1000;
    }

    public boolean transcriptHealthy() {
        return transcriptHealthy;
    }

    public long arenaSeq() {
        synchronized (lock) {
            return state.arenaSeq();
        }
    }

    // ---- effects ------------------------------------------------------------------------------

    private void step(RelayInput input) {
        synchronized (lock) {
            apply(relay.step(state, input));
        }
    }

    /** Runs under {@link #lock}: effects of one step are applied in order before the next step. */
    private void apply(Transition t) {
        state = t.state();
        for (Effect e : t.effects()) {
            switch (e) {
                case Effect.Send s -> {
                    Outbox box = agents.get(s.conn());
                    if (box != null) {
                        box.offer(s.json());
                    }
                }
                case Effect.Publish p -> publish(p.event());
                case Effect.SendToPeers p -> {
                    for (Session.Joined j : state.agents()) {
                        Outbox box = j.conn().equals(p.exceptConn()) ? null : agents.get(j.conn());
                        if (box != null) {
                            box.offer(p.json());
                        }
                    }
                }
                case Effect.Close c -> {
                    Outbox box = agents.get(c.conn());
                    if (box != null) {
                        box.close(c.code(), c.reason());
                    }
                }
                case Effect.Claimed c -> remember(c.agentId());
                case Effect.Observed o -> {
                    switch (o.kind()) {
                        case ACCEPTED -> metrics.message(o.label());
                        case REJECTED -> metrics.error(o.label());
                        case KICKED -> metrics.kick(o.label());
                    }
                }
            }
        }
    }

    /** A claim that cannot be written still holds until the arena stops. */
    private void remember(String agentId) {
        try {
            claims.add(agentId);
        } catch (IOException | UncheckedIOException ex) {
            LOG.errorf(ex, "could not record the claim of agent %s in %s", agentId, claims.file());
        }
    }

    /** fsync=interval: force what quiet periods left pending (under traffic the appends do it). */
    private void syncTranscript() {
        try {
            transcript.tick();
        } catch (IOException | UncheckedIOException ex) {
            transcriptHealthy = false;
            metrics.transcriptFailure();
            LOG.errorf(ex, "transcript fsync failed");
        }
    }

    private void publish(ArenaEvent event) {
        long t0 = System.nanoTime();
        try {
            transcript.append(event);
            transcriptHealthy = true;
        } catch (IOException | UncheckedIOException ex) {
            // Availability over durability: the event still goes out, readiness turns DOWN.
            transcriptHealthy = false;
            metrics.transcriptFailure();
            LOG.errorf(ex, "transcript append failed for arenaSeq %d", event.arenaSeq());
        }
        ring.add(event);
        for (Session.Joined j : state.agents()) {
            Outbox box = agents.get(j.conn());
            if (box != null) {
                box.offer(event.json());
            }
        }
        for (Spectator s : spectators.values()) {
            s.published(event.arenaSeq());
        }
        metrics.fanout(System.nanoTime() - t0);
    }

    private static long now() {
        return System.currentTimeMillis();
    }
}
