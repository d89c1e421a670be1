package dev.mowai.arena.protocol;

/** What an agent says about itself in AGENT_CONNECT; shown in the roster. */
public record AgentProfile(String name, String color, String persona, String version) {
}
