package dev.mowai.arena.protocol;

import java.util.Optional;

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

    /** {@code credential}: the runner's proof of the agent id (not in the seed; seed clients send none). */
    record Connect(String agentId, long seq, double ts, AgentProfile profile, Optional<String> credential)
            implements Identified {
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
