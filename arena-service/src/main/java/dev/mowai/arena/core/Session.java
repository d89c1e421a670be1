package dev.mowai.arena.core;

import dev.mowai.arena.protocol.AgentProfile;

/** One agent WebSocket as the relay sees it. */
public sealed interface Session {

    String conn();

    long lastHeardAt();

    long lastPingAt();

    Session heard(long now);

    Session pinged(long now);

    /** Socket open, AGENT_CONNECT not yet received. */
    record Pending(String conn, long openedAt, long lastHeardAt, long lastPingAt) implements Session {
        @Override
        public Pending heard(long now) {
            return new Pending(conn, openedAt, now, lastPingAt);
        }

        @Override
        public Pending pinged(long now) {
            return new Pending(conn, openedAt, lastHeardAt, now);
        }
    }

    /** A member of the arena. */
    record Joined(String conn, String agentId, int slot, AgentProfile profile, long connectedAt, long lastSeq,
            long lastHeardAt, long lastPingAt, ErrorWindow errors, TokenBucket bucket) implements Session {

        @Override
        public Joined heard(long now) {
            return new Joined(conn, agentId, slot, profile, connectedAt, lastSeq, now, lastPingAt, errors, bucket);
        }

        @Override
        public Joined pinged(long now) {
            return new Joined(conn, agentId, slot, profile, connectedAt, lastSeq, lastHeardAt, now, errors, bucket);
        }

        Joined withSeq(long seq) {
            return new Joined(conn, agentId, slot, profile, connectedAt, seq, lastHeardAt, lastPingAt, errors, bucket);
        }

        Joined withErrors(ErrorWindow e) {
            return new Joined(conn, agentId, slot, profile, connectedAt, lastSeq, lastHeardAt, lastPingAt, e, bucket);
        }

        Joined withBucket(TokenBucket b) {
            return new Joined(conn, agentId, slot, profile, connectedAt, lastSeq, lastHeardAt, lastPingAt, errors, b);
        }
    }
}
