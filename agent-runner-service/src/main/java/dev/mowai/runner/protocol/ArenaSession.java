package dev.mowai.runner.protocol;

import dev.mowai.runner.component.agent.AgentInfo;
import dev.mowai.runner.core.Backoff;
import java.time.Duration;
import java.util.Optional;

/**
 * The client side of one agent's arena seat, as a state machine: which frame to send when, with a
 * strictly increasing {@code seq} (kept across reconnects), when the seat is usable, and how long
 * to wait before reconnecting. No I/O and no clock: the shell passes time and randomness in.
 * Thread-safe: the shell calls it from the event loop and from the agent's thread.
 */
public final class ArenaSession {

    /** Where the seat is. */
    public enum Phase { DISCONNECTED, AWAITING_ACK, JOINED, LEFT }

    /** A session has at most 5 rounds: older quiet tasks are long over when they are forgotten. */
    private static final int QUIET_TASKS_KEPT = 64;

    private final String agentId;
    private final Backoff backoff;
    private final Optional<ServiceKey> agentKey;
    private Phase phase = Phase.DISCONNECTED;
    private long seq;
    private int failedAttempts;
    private int slot = -1;
    private String lastError;
    /** Arena time of the last ACK: tasks older than it are the arena's replay of recent tasks. */
    private long joinedAt;
    /** The newest replayed task so far, held until the replay is over ({@link #replayOver}). */
    private ArenaInbound.Task heldReplay;
    /** Tasks sent with {@code "reactions": false} (debate rounds), newest last, at most {@link #QUIET_TASKS_KEPT}. */
    private final java.util.SequencedSet<String> quietTasks = new java.util.LinkedHashSet<>();

    /** {@code agentKey}: the key shared with the arena that proves the agent id (none: the id is first-come). */
    public ArenaSession(String agentId, Backoff backoff, Optional<ServiceKey> agentKey) {
        if (!ArenaWire.isUuidV4(agentId)) {
            throw new IllegalArgumentException("agent id must be a UUID v4: " + agentId);
        }
        this.agentId = agentId;
        this.backoff = backoff;
        this.agentKey = agentKey;
    }

    public String agentId() {
        return agentId;
    }

    public synchronized Phase phase() {
        return phase;
    }

    public synchronized int slot() {
        return slot;
    }

    public synchronized String lastError() {
        return lastError;
    }

    /** The socket opened: the frame to send first. */
    public synchronized String opened(long now, AgentInfo info) {
        if (phase == Phase.LEFT) {
            throw new IllegalStateException("the seat was given up");
        }
        phase = Phase.AWAITING_ACK;
        return ArenaWire.connect(agentId, ++seq, now, info.name(), info.color(), info.persona(), info.version(),
                agentKey);
    }

    /**
     * A frame arrived. Returns what it means for the agent; a PING also yields the PONG to send
     * through {@link #pong}. The tasks the arena replays right after a join are held back (answered
     * as {@link ArenaInbound.Ignored}): only the newest of them, the current task, is handed out, by
     * {@link #replayOver}, so that a join never costs more than one task's work.
     */
    public synchronized ArenaInbound received(String frame) {
        ArenaInbound in = ArenaWire.read(frame);
        switch (in) {
            case ArenaInbound.Ack ack -> {
                if (phase == Phase.AWAITING_ACK) {
                    phase = Phase.JOINED;
                    slot = ack.slot();
                    failedAttempts = 0;
                    lastError = null;
                    joinedAt = ack.ts();
                    heldReplay = null;
                }
            }
            case ArenaInbound.Task task -> {
                if (!task.reactions()) {
                    quietTasks.add(task.taskId());
                    if (quietTasks.size() > QUIET_TASKS_KEPT) {
                        quietTasks.removeFirst();
                    }
                }
                if (task.ts() > 0 && task.ts() < joinedAt) {
                    if (heldReplay == null || task.ts() >= heldReplay.ts()) {
                        heldReplay = task;
                    }
                    return new ArenaInbound.Ignored("GLOBAL_TASK (replayed on join; only the newest is taken)");
                }
                // A live task is the current one: a replayed task still held back is older.
                heldReplay = null;
            }
            case ArenaInbound.Error error -> lastError = error.reason();
            default -> { }
        }
        return in;
    }

    /** Whether this agent reacts (on-peer-thought) to thoughts of {@code taskId}: not for quiet tasks. */
    public synchronized boolean reactsTo(String taskId) {
        return !quietTasks.contains(taskId);
    }

    /** The replay after a join is over: the newest replayed task, unless a live task came since. */
    public synchronized Optional<ArenaInbound.Task> replayOver() {
        ArenaInbound.Task held = heldReplay;
        heldReplay = null;
        return Optional.ofNullable(held);
    }

    public synchronized Optional<String> pong(long now) {
        return phase == Phase.JOINED || phase == Phase.AWAITING_ACK
                ? Optional.of(ArenaWire.pong(agentId, ++seq, now)) : Optional.empty();
    }

    /** The thought frame, or empty when the seat is not joined (nothing can be sent). */
    public synchronized Optional<String> thought(long now, String taskId, int step, String content) {
        return phase == Phase.JOINED
                ? Optional.of(ArenaWire.thought(agentId, ++seq, now, taskId, step, content)) : Optional.empty();
    }

    public synchronized Optional<String> response(long now, String taskId, String content, long durationMs) {
        return phase == Phase.JOINED
                ? Optional.of(ArenaWire.response(agentId, ++seq, now, taskId, content, durationMs)) : Optional.empty();
    }

    /**
     * The socket closed or could not be opened. Returns the delay before the next attempt, or empty
     * when the seat was given up deliberately.
     */
    public synchronized Optional<Duration> closed(String reason, double random) {
        if (phase == Phase.LEFT) {
            return Optional.empty();
        }
        if (reason != null) {
            lastError = reason;
        }
        phase = Phase.DISCONNECTED;
        slot = -1;
        failedAttempts++;
        return Optional.of(backoff.delay(failedAttempts, random));
    }

    /** Gives the seat up for good: the frame to send if connected; no reconnects afterwards. */
    public synchronized Optional<String> leave(long now) {
        boolean joined = phase == Phase.JOINED;
        phase = Phase.LEFT;
        return joined ? Optional.of(ArenaWire.disconnect(agentId, ++seq, now)) : Optional.empty();
    }
}
