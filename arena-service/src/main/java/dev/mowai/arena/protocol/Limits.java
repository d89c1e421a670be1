package dev.mowai.arena.protocol;

/** Wire limits of the arena protocol (seed-compatible; lengths count UTF-16 units like the seed). */
public final class Limits {
    public static final int NAME = 64;
    public static final int COLOR = 32;
    public static final int PERSONA = 64;
    public static final int VERSION = 32;
    public static final int THOUGHT = 1024;
    public static final int RESPONSE = 2048;
    public static final int TASK_DESCRIPTION = 512;
    /** {@code payload.credential} of AGENT_CONNECT (an HMAC-SHA256 in base64url is 43). */
    public static final int CREDENTIAL = 128;
    /** Largest accepted frame, in UTF-8 bytes. */
    public static final int FRAME_BYTES = 8 * 1024;
    /** Allowed distance between an agent's {@code ts} and server time. */
    public static final long CLOCK_SKEW_MS = 30_000;

    private Limits() {
    }
}
