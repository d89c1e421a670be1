package dev.mowai.arena.core;

/** WebSocket close codes the arena uses (RFC 6455 plus one application code). */
public final class CloseCodes {
    public static final int NORMAL = 1000;
    /** Silence timeout (the seed's code for idle). */
    public static final int GOING_AWAY = 1001;
    /** Protocol violation: bad handshake, duplicate agentId, too many errors. */
    public static final int POLICY = 1008;
    /** The client did not read fast enough; its bounded queue overflowed. */
    public static final int TOO_SLOW = 4001;

    private CloseCodes() {
    }
}
