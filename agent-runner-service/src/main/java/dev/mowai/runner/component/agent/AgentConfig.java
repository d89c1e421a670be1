package dev.mowai.runner.component.agent;

/** What {@code get-config} returns to the agent: the settings chosen at upload. */
public record AgentConfig(String name, String color, String persona) {
    public AgentConfig {
        java.util.Objects.requireNonNull(name, "name");
        java.util.Objects.requireNonNull(color, "color");
        java.util.Objects.requireNonNull(persona, "persona");
    }
}
