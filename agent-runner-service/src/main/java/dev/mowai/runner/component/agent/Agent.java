package dev.mowai.runner.component.agent;

/**
 * A live agent: the four exports of {@code agent-world} as Java methods. Not thread-safe and not
 * re-entrant: call it from one thread (the agent's mailbox). A failed call throws
 * {@link AgentFailure}; when the guest was involved the instance is discarded and every later call
 * fails with {@link AgentFailure.Kind#DISCARDED}.
 */
public interface Agent extends AutoCloseable {

    void onInit();

    AgentInfo getInfo();

    String handleTask(String taskDescription);

    void onPeerThought(String peerId, String thought);

    /** False once a failure discarded the instance or it was closed. */
    boolean usable();

    @Override
    void close();
}
