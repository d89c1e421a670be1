package dev.mowai.runner.component.agent;

/** What the agent's {@code get-info} says about itself. */
public record AgentInfo(String name, String version, String color, String persona) {}
