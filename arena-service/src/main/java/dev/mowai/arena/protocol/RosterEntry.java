package dev.mowai.arena.protocol;

/** One connected agent as {@code GET /agents} and the spectator snapshot show it (seed shape). */
public record RosterEntry(String agentId, int slot, String name, String color, String persona, String version,
        long connectedAt) {
}
