package dev.mowai.arena.session;

/**
 * A GLOBAL_TASK the shell must send. {@code onlyAgentId} null: a round, to every agent and spectator
 * through the arena's task path; else the synthesis task, to that agent alone.
 */
public record Broadcast(String taskId, String description, boolean reactions, String onlyAgentId) {
}
