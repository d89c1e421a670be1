package dev.mowai.arena.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * Builds the arena's frames in the seed's envelope {@code {type, agentId, slot, seq, ts, payload}}.
 * Messages the arena originates carry {@link #ARENA_ID}, slot 0 and seq 0 as the seed did; transcript
 * events add {@code arenaSeq}.
 */
public final class Outbound {

    /** The agentId of the arena itself (seed value). */
    public static final String ARENA_ID = "00000000-0000-4000-8000-000000000000";

    /** Spectator-only notice of a hole in the event sequence (not a seed type, not an event: no arenaSeq). */
    public static final String GAP = "ARENA_GAP";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Outbound() {
    }

    public static String ack(int slot, int connectedPeers, String arenaVersion, long now) {
        ObjectNode payload = JSON.createObjectNode()
                .put("slot", slot)
                .put("connectedPeers", connectedPeers)
                .put("arenaVersion", arenaVersion);
        return write(arenaEnvelope(MessageType.ARENA_ACK, now, payload));
    }

    public static String error(String reason, String targetAgentId, long now) {
        ObjectNode payload = JSON.createObjectNode().put("reason", reason);
        if (targetAgentId != null) {
            payload.put("targetAgentId", targetAgentId);
        }
        return write(arenaEnvelope(MessageType.ARENA_ERROR, now, payload));
    }

    public static String ping(long now) {
        return write(arenaEnvelope(MessageType.PING, now, JSON.createObjectNode()));
    }

    public static String pong(long now) {
        return write(arenaEnvelope(MessageType.PONG, now, JSON.createObjectNode()));
    }

    /** Spectator feed: events {@code from}–{@code to} are missing from the arena's record and will not come. */
    public static String gap(long from, long to, long now) {
        ObjectNode env = JSON.createObjectNode()
                .put("type", GAP)
                .put("agentId", ARENA_ID)
                .put("slot", 0)
                .put("seq", 0)
                .put("ts", now);
        env.putObject("payload").put("from", from).put("to", to).put("reason", (from == to ? "event " + from
                : "events " + from + "–" + to) + " missing from the arena's record (a damaged or unwritten transcript line)");
        return write(env);
    }

    public static String peerThought(String sourceAgentId, String taskId, long step, String content, long now) {
        ObjectNode payload = JSON.createObjectNode()
                .put("sourceAgentId", sourceAgentId)
                .put("taskId", taskId)
                .put("step", step)
                .put("content", content);
        return write(arenaEnvelope(MessageType.PEER_THOUGHT, now, payload));
    }

    public static ArenaEvent globalTask(long arenaSeq, String taskId, String description, long now) {
        return globalTask(arenaSeq, taskId, description, true, now);
    }

    /** {@code reactions} false adds {@code "reactions": false} (seed clients ignore it; runners skip on-peer-thought). */
    public static ArenaEvent globalTask(long arenaSeq, String taskId, String description, boolean reactions, long now) {
        ObjectNode env = arenaEnvelope(MessageType.GLOBAL_TASK, now, taskPayload(taskId, description, reactions, now))
                .put("arenaSeq", arenaSeq);
        return new ArenaEvent(arenaSeq, MessageType.GLOBAL_TASK, ARENA_ID, write(env));
    }

    /** A GLOBAL_TASK for one agent (a debate's synthesis): not a transcript event, so no arenaSeq. */
    public static String directTask(String taskId, String description, long now) {
        return write(arenaEnvelope(MessageType.GLOBAL_TASK, now, taskPayload(taskId, description, false, now)));
    }

    private static ObjectNode taskPayload(String taskId, String description, boolean reactions, long now) {
        ObjectNode payload = JSON.createObjectNode()
                .put("taskId", taskId)
                .put("description", description)
                .put("issuedAt", now);
        if (!reactions) {
            payload.put("reactions", false);
        }
        return payload;
    }

    public static ArenaEvent joined(long arenaSeq, Inbound.Connect c, int slot, long now) {
        AgentProfile p = c.profile();
        ObjectNode payload = JSON.createObjectNode()
                .put("name", p.name())
                .put("color", p.color())
                .put("persona", p.persona())
                .put("version", p.version())
                .put("slot", slot);
        return event(arenaSeq, MessageType.AGENT_CONNECT, c.agentId(), slot, c.seq(), now, payload);
    }

    public static ArenaEvent left(long arenaSeq, String agentId, int slot, String name, String reason, long now) {
        ObjectNode payload = JSON.createObjectNode()
                .put("name", name)
                .put("slot", slot)
                .put("reason", reason);
        return event(arenaSeq, MessageType.AGENT_DISCONNECT, agentId, slot, 0, now, payload);
    }

    public static ArenaEvent thought(long arenaSeq, Inbound.Thought t, int slot, long now) {
        ObjectNode payload = JSON.createObjectNode()
                .put("content", t.content())
                .put("step", t.step())
                .put("taskId", t.taskId());
        return event(arenaSeq, MessageType.AGENT_THOUGHT, t.agentId(), slot, t.seq(), now, payload);
    }

    public static ArenaEvent response(long arenaSeq, Inbound.Response r, int slot, long now) {
        ObjectNode payload = JSON.createObjectNode()
                .put("content", r.content())
                .put("taskId", r.taskId())
                .put("durationMs", r.durationMs());
        return event(arenaSeq, MessageType.AGENT_RESPONSE, r.agentId(), slot, r.seq(), now, payload);
    }

    /** Agent events carry the agent's own seq; {@code ts} is arena time so that replays sort by it. */
    private static ArenaEvent event(long arenaSeq, MessageType type, String agentId, int slot, long seq, long now,
            ObjectNode payload) {
        ObjectNode env = JSON.createObjectNode()
                .put("type", type.name())
                .put("agentId", agentId)
                .put("slot", slot)
                .put("seq", seq)
                .put("ts", now);
        env.set("payload", payload);
        env.put("arenaSeq", arenaSeq);
        return new ArenaEvent(arenaSeq, type, agentId, write(env));
    }

    private static ObjectNode arenaEnvelope(MessageType type, long now, ObjectNode payload) {
        ObjectNode env = JSON.createObjectNode()
                .put("type", type.name())
                .put("agentId", ARENA_ID)
                .put("slot", 0)
                .put("seq", 0)
                .put("ts", now);
        env.set("payload", payload);
        return env;
    }

    static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
