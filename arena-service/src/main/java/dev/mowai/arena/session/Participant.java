package dev.mowai.arena.session;

/** An agent as the session knows it: who was in the room when a round started. */
public record Participant(String agentId, String name, String persona) {
}
