package dev.mowai.runner.protocol;

/** What the arena sends an agent, as far as the runner acts on it. */
public sealed interface ArenaInbound {

    /** @param ts the arena's time of the join (0 when the arena sent none) */
    record Ack(int slot, int connectedPeers, String arenaVersion, long ts) implements ArenaInbound {
    }

    /**
     * @param ts        the arena's time of the task (0 when the arena sent none); older than the join = a replay
     * @param reactions false when the payload says {@code "reactions": false} (a debate session's round):
     *                  peer thoughts of this task get no on-peer-thought call
     */
    record Task(String taskId, String description, long ts, boolean reactions) implements ArenaInbound {
        public Task(String taskId, String description, long ts) {
            this(taskId, description, ts, true);
        }
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
