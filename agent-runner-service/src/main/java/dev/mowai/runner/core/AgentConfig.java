package dev.mowai.runner.core;

/** The settings a participant chose at upload; returned to the agent by {@code get-config}. */
public record AgentConfig(String name, String color, String persona) {
}
