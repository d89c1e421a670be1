package dev.mowai.runner.core;

/**
 * The five imports of the agent world, as the runner implements them for one agent. Called on the
 * agent's mailbox thread while one of its exports runs.
 */
public interface HostImports {

    String hostLlm(String prompt);

    void broadcast(String message);

    long nowMs();

    void log(String level, String message);

    AgentConfig getConfig();
}
