package dev.mowai.arena.service;

import dev.mowai.arena.config.ArenaConfig;
import dev.mowai.arena.core.CloseCodes;
import dev.mowai.arena.core.ConnectProof;
import dev.mowai.arena.core.Effect;
import dev.mowai.arena.core.PendingBudget;
import dev.mowai.arena.core.PreJoin;
import dev.mowai.arena.core.Relay;
import dev.mowai.arena.core.RelayInput;
import dev.mowai.arena.core.RelayState;
import dev.mowai.arena.core.Session;
import dev.mowai.arena.core.Transition;
import dev.mowai.arena.metrics.ArenaMetrics;
import dev.mowai.arena.protocol.ArenaEvent;
import dev.mowai.arena.protocol.MessageType;
import dev.mowai.arena.protocol.Outbound;
import dev.mowai.arena.protocol.ProtocolParser;
import dev.mowai.arena.protocol.RosterEntry;
import dev.mowai.arena.protocol.Snapshot;
import dev.mowai.arena.session.Debate;
import dev.mowai.arena.session.SessionRecord;
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
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
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
    private final Map<String, Door> pending = new ConcurrentHashMap<>();
    private final PendingBudget pendingBudget;
    private final List<Consumer<ArenaEvent>> listeners = new CopyOnWriteArrayList<>();
    private final long startedAt = System.currentTimeMillis();
    /** Written under {@link #lock}; read without it (an immutable snapshot) by queries such as /health. */
    private volatile RelayState state = RelayState.empty();
    private EventRing ring;
    private Transcript transcript;
    private List<Debate> recoveredSessions = List.of();
    private ClaimFile claims;
    private volatile boolean transcriptHealthy = true;
    private long timer = -1;

    public ArenaService(ArenaConfig config, ArenaMetrics metrics, Vertx vertx) {
        this.config = config;
        this.metrics = metrics;
        this.vertx = vertx;
        this.relay = new Relay(config.relayConfig(), ConnectProof.of(config.agentKey()));
        this.pendingBudget = new PendingBudget(config.limits().pendingPerAddress(), config.limits().pendingTotal());
    }

    /**
     * Recovery runs when the bean is created: eagerly at start-up ({@link Startup}), or earlier if a
     * connection arrives first, so no socket ever sees a half-initialised relay.
     */
    @PostConstruct
    void start() throws IOException {
        transcript = Transcript.open(config.dataDir(), config.transcriptPolicy(), config.limits().spectatorQueue(),
                relay.config().recentTasks(), config.transcript().keepSessions(), System::nanoTime);
        var recovered = transcript.recovered();
        recoveredSessions = recovered.sessions();
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

    /** Why an upgrade from {@code address} would be refused now (read-only; {@link #agentOpened} decides). */
    public Optional<PendingBudget.Refusal> upgradeRefusal(String address) {
        return pendingBudget.refusal(address);
    }

    /**
     * A socket that has not joined stays out of the relay: the door ({@link PreJoin}) answers its
     * PINGs at a small rate, a timer closes it after the join timeout, and its first other frame
     * enters the relay. So sockets that never join cost neither the relay's lock nor its state.
     */
    public void agentOpened(WebSocketConnection conn, String address) {
        Context ctx = Vertx.currentContext();
        Outbox box = new Outbox(conn, ctx, config.limits().agentQueue(), () -> tooSlow(conn));
        Optional<PendingBudget.Refusal> refused = pendingBudget.take(address);
        if (refused.isPresent()) { // upgrades raced past upgradeRefusal
            metrics.kick("pending");
            box.close(CloseCodes.TRY_AGAIN_LATER, refused.get().reason());
            return;
        }
        agents.put(conn.id(), box);
        long timeout = config.limits().joinTimeout().toMillis();
        Door door = new Door(address, PreJoin.opened(config.limits().preJoinBurst(), now()));
        pending.put(conn.id(), door);
        door.timer = vertx.setTimer(timeout, id -> {
            if (leave(conn.id()) != null) {
                metrics.kick("join-timeout");
                agents.remove(conn.id());
                box.close(CloseCodes.GOING_AWAY, "no AGENT_CONNECT within " + config.limits().joinTimeout().toSeconds() + " s");
            }
        });
    }

    public void agentFrame(WebSocketConnection conn, String frame) {
        Door door = pending.get(conn.id());
        if (door == null) {
            if (agents.containsKey(conn.id())) { // not one the arena is closing: those may flood on for a while
                step(new RelayInput.Received(conn.id(), frame, now()));
            }
            return;
        }
        long now = now();
        switch (door.gate.frame(ProtocolParser.parse(frame), now, config.limits().preJoinRate(),
                config.limits().preJoinBurst())) {
            case PreJoin.Verdict.Pong pong -> {
                door.gate = pong.next();
                agents.get(conn.id()).offer(Outbound.pong(now));
            }
            case PreJoin.Verdict.Quiet quiet -> door.gate = quiet.next();
            case PreJoin.Verdict.Refuse refuse -> {
                leave(conn.id());
                metrics.kick("pre-join-rate");
                agents.remove(conn.id()).close(CloseCodes.POLICY, refuse.reason());
            }
            case PreJoin.Verdict.Forward forward -> enter(conn, new RelayInput.Received(conn.id(), frame, now));
        }
    }

    public void agentBinary(WebSocketConnection conn) {
        RelayInput.Binary binary = new RelayInput.Binary(conn.id(), now());
        if (pending.containsKey(conn.id())) {
            enter(conn, binary);
        } else if (agents.containsKey(conn.id())) {
            step(binary);
        }
    }

    public void agentHeard(WebSocketConnection conn) {
        if (!pending.containsKey(conn.id()) && agents.containsKey(conn.id())) {
            step(new RelayInput.Heard(conn.id(), now()));
        }
    }

    public void agentClosed(WebSocketConnection conn) {
        if (leave(conn.id()) == null) {
            step(new RelayInput.Closed(conn.id(), now()));
        }
        agents.remove(conn.id());
    }

    /** The socket's first frame for the relay: it opens there and the frame is judged, in one step. */
    private void enter(WebSocketConnection conn, RelayInput first) {
        leave(conn.id());
        synchronized (lock) {
            step(new RelayInput.Opened(conn.id(), first.now()));
            step(first);
        }
    }

    /** Forgets a socket that had not joined and gives its place back; null when it was not waiting. */
    private Door leave(String conn) {
        Door door = pending.remove(conn);
        if (door != null) {
            vertx.cancelTimer(door.timer);
            pendingBudget.release(door.address);
        }
        return door;
    }

    /** A socket at the door; only touched on its own event loop. */
    private static final class Door {
        final String address;
        PreJoin gate;
        long timer;

        Door(String address, PreJoin gate) {
            this.address = address;
            this.gate = gate;
        }
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
        return postTask(UUID.randomUUID().toString(), description, true);
    }

    /** Broadcasts a task under a given id; {@code reactions} false asks runners not to react to its thoughts. */
    public TaskAccepted postTask(String taskId, String description, boolean reactions) {
        synchronized (lock) {
            step(new RelayInput.TaskPosted(taskId, description, reactions, now()));
            return new TaskAccepted(taskId, state.arenaSeq(), state.agents().size());
        }
    }

    /** Sends a GLOBAL_TASK to one connected agent only; false when it is not connected. */
    public boolean sendTaskTo(String agentId, String taskId, String description) {
        synchronized (lock) {
            for (Session.Joined j : state.agents()) {
                Outbox box = j.agentId().equals(agentId) ? agents.get(j.conn()) : null;
                if (box != null) {
                    box.offer(Outbound.directTask(taskId, description, now()));
                    return true;
                }
            }
            return false;
        }
    }

    /** The debate sessions the transcript held at start-up, in the order they started. */
    public List<Debate> recoveredSessions() {
        return recoveredSessions;
    }

    /**
     * Writes the records of a session's change into the transcript (which serialises them with the events).
     * As for an event, a failed write turns readiness DOWN and the session goes on in memory.
     */
    public void record(List<SessionRecord> records) {
        try {
            for (SessionRecord r : records) {
                transcript.append(r);
            }
            transcriptHealthy = true;
        } catch (IOException | UncheckedIOException ex) {
            transcriptHealthy = false;
            metrics.transcriptFailure();
            LOG.errorf(ex, "transcript append failed for session %s", records.getFirst().sessionId());
        }
    }

    /** Called with every published event, under the arena's lock: listeners must hand work off, not step. */
    public void onPublished(Consumer<ArenaEvent> listener) {
        listeners.add(listener);
    }

    public List<RosterEntry> roster() {
        return state.agents().stream()
                .map(j -> new RosterEntry(j.agentId(), j.slot(), j.profile().name(), j.profile().color(),
                        j.profile().persona(), j.profile().version(), j.connectedAt()))
                .toList();
    }

    public int agentCount() {
        return state.agents().size();
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
        return state.arenaSeq();
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
                case Effect.Close c -> { // forgotten at once: what a closing socket still sends is dropped unread
                    Outbox box = agents.remove(c.conn());
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
        listeners.forEach(l -> l.accept(event));
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
