package dev.mowai.arena.core;

/** WebSocket close codes the arena uses (RFC 6455 plus one application code). */
public final class CloseCodes {
    public static final int NORMAL = 1000;
    /** Silence timeout (the seed's code for idle). */
    public static final int GOING_AWAY = 1001;
    /** Protocol violation: bad handshake, duplicate agentId, too many errors. */
    public static final int POLICY = 1008;
    /** Not valid UTF-8 in a text frame (RFC 6455 "invalid frame payload data"). */
    public static final int INVALID_DATA = 1007;
    /** Too many sockets waiting to join: come back later. */
    public static final int TRY_AGAIN_LATER = 1013;
    /** The client did not read fast enough; its bounded queue overflowed. */
    public static final int TOO_SLOW = 4001;

    private CloseCodes() {
    }
}
