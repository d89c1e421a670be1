package dev.mowai.runner.core;

import dev.mowai.runner.component.agent.AgentInfo;
import dev.mowai.runner.component.agent.AgentRuntime;
import java.util.concurrent.CompletableFuture;

/** A call waiting in an agent's mailbox. */
public sealed interface Work {

    /** Instantiate {@code component}, call {@code on-init} and {@code get-info}; replaces the running instance on success. */
    record Load(AgentRuntime.Checked component, CompletableFuture<AgentInfo> done) implements Work {
    }

    /** A task broadcast by the lead. */
    record Task(String taskId, String description) implements Work {
    }

    /** Another agent's thought; {@code depth} is that thought's reaction depth (0 = made while handling the task). */
    record PeerThought(String sourceAgentId, String taskId, int step, String content, int depth) implements Work {
    }

    /** A private task run for the participant; nothing reaches the arena. */
    record Trial(String description, CompletableFuture<TrialResult> done) implements Work {
    }

    /** Peer thoughts may be shed when the mailbox is full; everything else is kept. */
    static boolean sheddable(Work work) {
        return work instanceof PeerThought;
    }
}
