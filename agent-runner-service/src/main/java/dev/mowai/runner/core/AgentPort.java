package dev.mowai.runner.core;

/**
 * One live instance of an agent component, as the runner sees it: the four exports of
 * {@code wit/agent.wit}. Implementations are not thread-safe and not re-entrant; the runner only
 * calls them from the agent's mailbox. A call that traps or breaks a runtime limit throws
 * {@link AgentFault}; after that the instance is poisoned and is closed, never entered again.
 */
public interface AgentPort extends AutoCloseable {

    void onInit();

    AgentInfo getInfo();

    String handleTask(String task);

    void onPeerThought(String peerId, String content);

    @Override
    void close();
}
