package dev.mowai.runner.protocol;

/** What the arena sends an agent, as far as the runner acts on it. */
public sealed interface ArenaInbound {

    record Ack(int slot, int connectedPeers, String arenaVersion) implements ArenaInbound {
    }

    record Task(String taskId, String description) implements ArenaInbound {
    }

    record PeerThought(String sourceAgentId, String taskId, int step, String content) implements ArenaInbound {
    }

    record Ping() implements ArenaInbound {
    }

    record Error(String reason) implements ArenaInbound {
    }

    /** Well-formed, but nothing for the agent to do (other agents' events, PONG, unknown types). */
    record Ignored(String type) implements ArenaInbound {
    }

    /** Not a frame the runner understands; {@code problem} says why. */
    record Malformed(String problem) implements ArenaInbound {
    }
}
