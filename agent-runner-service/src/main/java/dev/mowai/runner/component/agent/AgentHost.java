package dev.mowai.runner.component.agent;

/**
 * The host side of the agent world: the five imports. Called on the thread that runs the agent's
 * export, while it runs. A method may throw the ABI's {@code Trap} to fail the agent's call.
 */
public interface AgentHost {

    /** The model's reply to {@code prompt}. */
    String hostLlm(String prompt);

    void broadcast(String message);

    /** Wall-clock milliseconds since the Unix epoch. */
    long nowMs();

    void log(String level, String message);

    AgentConfig getConfig();
}
