package dev.mowai.arena.core;

import dev.mowai.arena.core.Effect.Observation;
import dev.mowai.arena.protocol.ArenaEvent;
import dev.mowai.arena.protocol.Inbound;
import dev.mowai.arena.protocol.Outbound;
import dev.mowai.arena.protocol.Parsed;
import dev.mowai.arena.protocol.ProtocolParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The arena relay as a pure state machine: {@code step(state, input) → (state, effects)}. */
public final class Relay {

    private final RelayConfig config;
    private final ConnectProof proof;

    /** A relay without a key: every agent id is first-come, as in the seed. */
    public Relay(RelayConfig config) {
        this(config, ConnectProof.none());
    }

    public Relay(RelayConfig config, ConnectProof proof) {
        this.config = config;
        this.proof = proof;
    }

    public RelayConfig config() {
        return config;
    }

    public Transition step(RelayState state, RelayInput input) {
        return switch (input) {
            case RelayInput.Opened o -> new Transition(
                    state.with(new Session.Pending(o.conn(), o.now(), o.now(), o.now())), List.of());
            case RelayInput.Received r -> received(state, r);
            case RelayInput.Binary b -> binary(state, b);
            case RelayInput.Heard h -> heard(state, h);
            case RelayInput.Closed c -> closed(state, c);
            case RelayInput.Tick t -> tick(state, t.now());
            case RelayInput.TaskPosted t -> task(state, t);
        };
    }

    /** Leave events for agents the transcript shows as still connected when the arena went down. */
    public Transition restore(RelayState state, List<Orphan> orphans, long now) {
        Step s = new Step(state);
        for (Orphan o : orphans) {
            s.publish(seq -> Outbound.left(seq, o.agentId(), o.slot(), o.name(), "arena restarted", now));
        }
        return s.done();
    }

    /** An agent that joined and never left according to the transcript. */
    public record Orphan(String agentId, int slot, String name) {
    }

    private Transition heard(RelayState state, RelayInput.Heard h) {
        Session s = state.sessions().get(h.conn());
        return new Transition(s == null ? state : state.with(s.heard(h.now())), List.of());
    }

    private Transition closed(RelayState state, RelayInput.Closed c) {
        Session s = state.sessions().get(c.conn());
        if (s == null) {
            return new Transition(state, List.of());
        }
        Step step = new Step(state.without(c.conn()));
        if (s instanceof Session.Joined j) {
            step.publish(seq -> Outbound.left(seq, j.agentId(), j.slot(), j.profile().name(), "connection closed", c.now()));
        }
        return step.done();
    }

    private Transition tick(RelayState state, long now) {
        Step step = new Step(state);
        Map<String, Session> next = new HashMap<>(state.sessions());
        for (Session s : state.sessions().values()) {
            long quietSince = s instanceof Session.Pending p ? p.openedAt() : s.lastHeardAt();
            if (now - quietSince >= config.silenceTimeoutMs()) {
                next.remove(s.conn());
                String reason = s instanceof Session.Pending
                        ? "no AGENT_CONNECT within " + seconds(config.silenceTimeoutMs())
                        : "silent for " + seconds(config.silenceTimeoutMs());
                step.effects.add(new Effect.Close(s.conn(), CloseCodes.GOING_AWAY, reason));
                step.effects.add(new Effect.Observed(Observation.KICKED, "silent"));
                if (s instanceof Session.Joined j) {
                    step.publishLater.add(seq -> Outbound.left(seq, j.agentId(), j.slot(), j.profile().name(), reason, now));
                }
            } else if (now - s.lastPingAt() >= config.pingIntervalMs()) {
                next.put(s.conn(), s.pinged(now));
                step.effects.add(new Effect.Send(s.conn(), Outbound.ping(now)));
            }
        }
        step.state = step.state.withSessions(next);
        step.flushLater();
        return step.done();
    }

    private Transition task(RelayState state, RelayInput.TaskPosted t) {
        Step step = new Step(state);
        ArenaEvent event = step.publish(seq -> Outbound.globalTask(seq, t.taskId(), t.description(), t.reactions(), t.now()));
        step.state = step.state.withTask(event, config.recentTasks());
        return step.done();
    }

    private Transition received(RelayState state, RelayInput.Received r) {
        Session s = state.sessions().get(r.conn());
        if (s == null) {
            return new Transition(state, List.of());
        }
        Parsed parsed = ProtocolParser.parse(r.frame());
        return switch (s) {
            case Session.Pending p -> handshake(state.with(p.heard(r.now())), p, parsed, r.now());
            case Session.Joined j -> member(state, j.heard(r.now()), parsed, r.now());
        };
    }

    static final String BINARY = "binary frames are not accepted: the protocol is JSON text frames";

    private Transition binary(RelayState state, RelayInput.Binary b) {
        return switch (state.sessions().get(b.conn())) {
            case null -> new Transition(state, List.of());
            case Session.Pending p -> handshake(state, p, new Parsed.Rejected(BINARY), b.now());
            case Session.Joined j -> reject(state, j.heard(b.now()), BINARY, "binary", b.now());
        };
    }

    private Transition handshake(RelayState state, Session.Pending p, Parsed parsed, long now) {
        Step step = new Step(state);
        if (parsed instanceof Parsed.Ok(Inbound.Ping ping)) {
            step.effects.add(new Effect.Send(p.conn(), Outbound.pong(now)));
            return step.done();
        }
        if (parsed instanceof Parsed.Ok(Inbound.Pong pong)) {
            return step.done();
        }
        String reason;
        String label;
        if (parsed instanceof Parsed.Ok(Inbound.Connect c)) {
            Optional<String> problem = clockProblem(c.ts(), now);
            label = "handshake";
            if (problem.isEmpty()) {
                switch (SeatRule.decide(state, c, proof)) {
                    case SeatRule.Decision.Take take -> {
                        return join(state, p, c, take, now);
                    }
                    case SeatRule.Decision.Refuse refuse -> {
                        problem = Optional.of(refuse.problem());
                        label = refuse.label();
                    }
                }
            }
            reason = "AGENT_CONNECT: " + problem.get();
            step.effects.add(new Effect.Observed(Observation.REJECTED, "AGENT_CONNECT"));
        } else {
            label = "handshake";
            reason = switch (parsed) {
                case Parsed.Rejected rej when rej.type() == dev.mowai.arena.protocol.MessageType.AGENT_CONNECT -> rej.reason();
                case Parsed.Rejected rej -> "first message must be AGENT_CONNECT; " + rej.reason();
                case Parsed.Ok ok -> "first message must be AGENT_CONNECT, got " + typeName(ok.message());
            };
            step.effects.add(new Effect.Observed(Observation.REJECTED, labelOf(parsed)));
        }
        step.effects.add(new Effect.Send(p.conn(), Outbound.error(reason, null, now)));
        step.effects.add(new Effect.Close(p.conn(), CloseCodes.POLICY, reason));
        step.effects.add(new Effect.Observed(Observation.KICKED, label));
        step.state = state.without(p.conn());
        return step.done();
    }

    private Transition join(RelayState state, Session.Pending p, Inbound.Connect c, SeatRule.Decision.Take take,
            long now) {
        Step step = new Step(state);
        take.squatter().ifPresent(squatter -> evict(step, squatter, now));
        if (take.proven() && !state.claimed().contains(c.agentId())) {
            step.state = step.state.withClaim(c.agentId());
            step.effects.add(new Effect.Claimed(c.agentId()));
        }
        int slot = step.state.freeSlot();
        Session.Joined joined = new Session.Joined(p.conn(), c.agentId(), slot, c.profile(), now, c.seq(),
                now, p.lastPingAt(), ErrorWindow.empty(), TokenBucket.full(config.burst(), now));
        step.state = step.state.with(joined);
        int peers = step.state.agents().size();
        step.effects.add(new Effect.Send(p.conn(), Outbound.ack(slot, peers, config.arenaVersion(), now)));
        for (ArenaEvent task : state.recentTasks()) {
            step.effects.add(new Effect.Send(p.conn(), task.json()));
        }
        step.effects.add(new Effect.Observed(Observation.ACCEPTED, "AGENT_CONNECT"));
        step.publish(seq -> Outbound.joined(seq, c, slot, now));
        return step.done();
    }

    /** An unproven holder of an id whose proven owner arrived: it leaves, the owner takes the seat. */
    private static void evict(Step step, Session.Joined squatter, long now) {
        String why = "agentId " + squatter.agentId() + " was taken by a connection that proved it";
        step.state = step.state.without(squatter.conn());
        step.effects.add(new Effect.Send(squatter.conn(), Outbound.error(why, squatter.agentId(), now)));
        step.effects.add(new Effect.Close(squatter.conn(), CloseCodes.POLICY, why));
        step.effects.add(new Effect.Observed(Observation.KICKED, "squatter"));
        step.publish(seq -> Outbound.left(seq, squatter.agentId(), squatter.slot(), squatter.profile().name(), why, now));
    }

    private Transition member(RelayState state, Session.Joined j, Parsed parsed, long now) {
        Optional<TokenBucket> bucket = j.bucket().take(now, config.messagesPerSecond(), config.burst());
        if (bucket.isEmpty()) {
            return reject(state, j, "rate limit: more than " + fmt(config.messagesPerSecond())
                    + " messages/s (burst " + config.burst() + ")", "rate", now);
        }
        Session.Joined me = j.withBucket(bucket.get());
        return switch (parsed) {
            case Parsed.Rejected rej -> reject(state, me, rej.reason(), labelOf(parsed), now);
            case Parsed.Ok(Inbound.Ping ping) -> new Transition(state.with(me),
                    List.of(new Effect.Send(me.conn(), Outbound.pong(now)), accepted("PING")));
            case Parsed.Ok(Inbound.Pong pong) -> new Transition(state.with(me), List.of(accepted("PONG")));
            case Parsed.Ok(Inbound.Identified m) -> identified(state, me, m, now);
        };
    }

    private Transition identified(RelayState state, Session.Joined me, Inbound.Identified m, long now) {
        String type = typeName(m);
        if (!m.agentId().equals(me.agentId())) {
            return reject(state, me, type + ": agentId " + m.agentId() + " does not match this connection's agent "
                    + me.agentId(), type, now);
        }
        if (m.seq() <= me.lastSeq()) {
            return reject(state, me, type + ": seq " + m.seq() + " must be greater than the last seq "
                    + me.lastSeq(), type, now);
        }
        Optional<String> clock = clockProblem(m.ts(), now);
        if (clock.isPresent()) {
            return reject(state, me, type + ": " + clock.get(), type, now);
        }
        if (m instanceof Inbound.Connect) {
            return reject(state, me, "AGENT_CONNECT: this connection already joined as " + me.agentId(), type, now);
        }
        Session.Joined updated = me.withSeq(m.seq());
        Step step = new Step(state.with(updated));
        step.effects.add(accepted(type));
        switch (m) {
            case Inbound.Thought t -> {
                step.publish(seq -> Outbound.thought(seq, t, me.slot(), now));
                step.effects.add(new Effect.SendToPeers(me.conn(),
                        Outbound.peerThought(me.agentId(), t.taskId(), t.step(), t.content(), now)));
            }
            case Inbound.Response r -> step.publish(seq -> Outbound.response(seq, r, me.slot(), now));
            case Inbound.Disconnect d -> {
                step.state = step.state.without(me.conn());
                step.publish(seq -> Outbound.left(seq, me.agentId(), me.slot(), me.profile().name(), "agent left", now));
                step.effects.add(new Effect.Close(me.conn(), CloseCodes.NORMAL, "goodbye"));
            }
            case Inbound.Connect c -> throw new IllegalStateException("handled above");
        }
        return step.done();
    }

    private Transition reject(RelayState state, Session.Joined me, String reason, String label, long now) {
        Session.Joined counted = me.withErrors(me.errors().record(now, config.errorWindowMs()));
        Step step = new Step(state.with(counted));
        step.effects.add(new Effect.Send(me.conn(), Outbound.error(reason, me.agentId(), now)));
        step.effects.add(new Effect.Observed(Observation.REJECTED, label));
        if (counted.errors().count() > config.maxErrors()) {
            String why = "more than " + config.maxErrors() + " errors in " + seconds(config.errorWindowMs());
            step.state = step.state.without(me.conn());
            step.publish(seq -> Outbound.left(seq, me.agentId(), me.slot(), me.profile().name(), why, now));
            step.effects.add(new Effect.Close(me.conn(), CloseCodes.POLICY, why));
            step.effects.add(new Effect.Observed(Observation.KICKED, "errors"));
        }
        return step.done();
    }

    private Optional<String> clockProblem(double ts, long now) {
        double drift = Math.abs(ts - now);
        if (drift > config.clockSkewMs()) {
            return Optional.of("ts is " + Math.round(drift) + " ms away from arena time (limit "
                    + config.clockSkewMs() + " ms)");
        }
        return Optional.empty();
    }

    private static Effect accepted(String type) {
        return new Effect.Observed(Observation.ACCEPTED, type);
    }

    private static String labelOf(Parsed parsed) {
        return switch (parsed) {
            case Parsed.Rejected rej -> rej.type() == null ? "unparsed" : rej.type().name();
            case Parsed.Ok ok -> typeName(ok.message());
        };
    }

    private static String typeName(Inbound m) {
        return switch (m) {
            case Inbound.Connect c -> "AGENT_CONNECT";
            case Inbound.Thought t -> "AGENT_THOUGHT";
            case Inbound.Response r -> "AGENT_RESPONSE";
            case Inbound.Disconnect d -> "AGENT_DISCONNECT";
            case Inbound.Ping p -> "PING";
            case Inbound.Pong p -> "PONG";
        };
    }

    private static String seconds(long ms) {
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** Accumulates one step: assigns arena sequence numbers as events are published. */
    private static final class Step {
        RelayState state;
        final List<Effect> effects = new ArrayList<>();
        final List<java.util.function.LongFunction<ArenaEvent>> publishLater = new ArrayList<>();

        Step(RelayState state) {
            this.state = state;
        }

        ArenaEvent publish(java.util.function.LongFunction<ArenaEvent> build) {
            long seq = state.arenaSeq() + 1;
            ArenaEvent event = build.apply(seq);
            state = state.withArenaSeq(seq);
            effects.add(new Effect.Publish(event));
            return event;
        }

        void flushLater() {
            for (var b : publishLater) {
                publish(b);
            }
            publishLater.clear();
        }

        Transition done() {
            return new Transition(state, effects);
        }
    }
}
