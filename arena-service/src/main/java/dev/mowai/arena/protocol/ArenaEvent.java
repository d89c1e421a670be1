package dev.mowai.arena.protocol;

/**
 * One entry of the arena transcript: what agents and spectators receive, already serialised.
 *
 * @param arenaSeq arena-wide sequence number, strictly increasing, never reused (also across restarts)
 * @param type     message type of the event
 * @param agentId  the agent the event is about ({@link Outbound#ARENA_ID} for tasks)
 * @param json     the exact frame, also the transcript line
 */
public record ArenaEvent(long arenaSeq, MessageType type, String agentId, String json) {
}
