package dev.mowai.gateway.core;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Whether a caller proved the agent it names in {@code X-Mowai-Agent}: the runner sends
 * {@code X-Mowai-Agent-Signature: <unix ms>.<base64url HMAC-SHA256(key, "mowai-gateway|<agentId>|<unix ms>")>}
 * with the key it shares with the gateway ({@code mowai.gateway.key}). Only signed callers get a queue of their
 * own; everybody else shares the one unsigned queue, so made-up or borrowed ids buy no extra turns and cannot
 * fill another agent's queue. A signature is good for {@code windowMs} either side of the gateway's clock. Pure.
 *
 * <p>The arena is a caller of its own: it asks for debate syntheses as {@code X-Mowai-Agent: }{@value #ARENA},
 * signed the same way with a second key that only the arena and the gateway hold ({@code mowai.gateway.arena-key}).
 * Each key speaks for its callers only: the runners' key cannot sign for the arena (runner agent ids are UUIDs,
 * so none is called "arena"), nor the arena's key for an agent. The arena gets one queue, under the same limits
 * as an agent's.
 */
public final class CallerSignature {

    public static final String HEADER = "X-Mowai-Agent-Signature";
    /** The caller id of the arena's moderator, proven with the arena key. */
    public static final String ARENA = "arena";
    /** Shorter keys are refused at start. */
    public static final int MIN_KEY_CHARS = 16;
    private static final String ALGORITHM = "HmacSHA256";

    /** What the gateway makes of a caller. */
    public sealed interface Verdict {
        record Signed(String agentId) implements Verdict {
        }

        /** No signature (or no key here): the caller joins the unsigned queue. */
        record Unsigned() implements Verdict {
        }

        /** A signature that does not hold: refused with {@code problem}. */
        record Refused(String problem) implements Verdict {
        }
    }

    private final SecretKeySpec key;
    private final SecretKeySpec arenaKey;
    private final long windowMs;

    /** {@code key}: the runners' ({@code mowai.gateway.key}); {@code arenaKey}: the arena's ({@code mowai.gateway.arena-key}). */
    public CallerSignature(Optional<String> key, Optional<String> arenaKey, long windowMs) {
        Optional<String> k = checked("mowai.gateway.key", key);
        Optional<String> a = checked("mowai.gateway.arena-key", arenaKey);
        if (k.isPresent() && k.equals(a)) {
            // One key for both would let every runner sign as the arena.
            throw new IllegalArgumentException("mowai.gateway.arena-key must differ from mowai.gateway.key");
        }
        this.key = k.map(CallerSignature::spec).orElse(null);
        this.arenaKey = a.map(CallerSignature::spec).orElse(null);
        this.windowMs = windowMs;
    }

    public boolean configured() {
        return key != null;
    }

    public boolean arenaConfigured() {
        return arenaKey != null;
    }

    private static Optional<String> checked(String property, Optional<String> key) {
        Optional<String> k = key.map(String::strip).filter(s -> !s.isEmpty());
        if (k.isPresent() && k.get().length() < MIN_KEY_CHARS) {
            throw new IllegalArgumentException(property + ": at least " + MIN_KEY_CHARS + " characters (got "
                    + k.get().length() + "); generate one with: openssl rand -hex 32");
        }
        return k;
    }

    private static SecretKeySpec spec(String key) {
        return new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** {@code agentId}: the validated X-Mowai-Agent, or null when the caller named none. */
    public Verdict check(String agentId, String signature, long nowMs) {
        boolean arena = ARENA.equals(agentId);
        SecretKeySpec by = arena ? arenaKey : key;
        if (agentId == null || signature == null || signature.isBlank() || by == null) {
            return new Verdict.Unsigned();
        }
        int dot = signature.indexOf('.');
        long signedAt;
        byte[] given;
        try {
            signedAt = Long.parseLong(signature.substring(0, Math.max(0, dot)));
            given = Base64.getUrlDecoder().decode(signature.substring(dot + 1).strip());
        } catch (IllegalArgumentException malformed) {
            return new Verdict.Refused("must be <unix ms>.<base64url HMAC-SHA256>");
        }
        long drift = Math.abs(nowMs - signedAt);
        if (drift > windowMs) {
            return new Verdict.Refused("signed " + drift + " ms away from the gateway's clock (limit " + windowMs
                    + " ms, mowai.gateway.signature-window)");
        }
        byte[] expected = mac(by, "mowai-gateway|" + agentId + "|" + signedAt);
        return MessageDigest.isEqual(expected, given) ? new Verdict.Signed(agentId)
                : new Verdict.Refused("does not sign X-Mowai-Agent " + agentId + " (another "
                        + (arena ? "mowai.gateway.arena-key" : "mowai.gateway.key") + "?)");
    }

    /** What the runner (or the arena) signed for this caller and time, recomputed with this gateway's key. */
    private static byte[] mac(SecretKeySpec key, String message) {
        try {
            Mac hmac = Mac.getInstance(key.getAlgorithm());
            hmac.init(key);
            hmac.update(message.getBytes(StandardCharsets.UTF_8));
            return hmac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every JDK", e);
        }
    }
}
