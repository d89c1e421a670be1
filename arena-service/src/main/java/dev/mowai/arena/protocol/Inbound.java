package dev.mowai.arena.protocol;

/**
 * A structurally valid message from an agent. Checks that need state or time (seq order, clock
 * skew, agentId ownership) belong to the relay core.
 */
public sealed interface Inbound {

    /** Envelope fields common to the messages that carry an identity. */
    sealed interface Identified extends Inbound {
        String agentId();

        long seq();

        double ts();
    }

    record Connect(String agentId, long seq, double ts, AgentProfile profile) implements Identified {
    }

    record Thought(String agentId, long seq, double ts, String taskId, long step, String content)
            implements Identified {
    }

    record Response(String agentId, long seq, double ts, String taskId, String content, double durationMs)
            implements Identified {
    }

    record Disconnect(String agentId, long seq, double ts) implements Identified {
    }

    /** Keepalive probe from the agent; answered with PONG. Needs no identity (seed rule). */
    record Ping() implements Inbound {
    }

    /** Answer to the arena's PING. Needs no identity (seed rule). */
    record Pong() implements Inbound {
    }
}
