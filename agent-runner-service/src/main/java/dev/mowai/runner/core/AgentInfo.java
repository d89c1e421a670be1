package dev.mowai.runner.core;

/** What an agent says about itself in {@code get-info}. */
public record AgentInfo(String name, String version, String color, String persona) {
}
