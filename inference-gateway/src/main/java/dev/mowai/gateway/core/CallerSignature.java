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
 */
public final class CallerSignature {

    public static final String HEADER = "X-Mowai-Agent-Signature";
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
    private final long windowMs;

    public CallerSignature(Optional<String> key, long windowMs) {
        Optional<String> k = key.map(String::strip).filter(s -> !s.isEmpty());
        if (k.isPresent() && k.get().length() < MIN_KEY_CHARS) {
            throw new IllegalArgumentException("mowai.gateway.key: at least " + MIN_KEY_CHARS + " characters (got "
                    + k.get().length() + "); generate one with: openssl rand -hex 32");
        }
        this.key = k.map(s -> new SecretKeySpec(s.getBytes(StandardCharsets.UTF_8), ALGORITHM)).orElse(null);
        this.windowMs = windowMs;
    }

    public boolean configured() {
        return key != null;
    }

    /** {@code agentId}: the validated X-Mowai-Agent, or null when the caller named none. */
    public Verdict check(String agentId, String signature, long nowMs) {
        if (agentId == null || signature == null || signature.isBlank() || key == null) {
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
        byte[] expected = mac("mowai-gateway|" + agentId + "|" + signedAt);
        return MessageDigest.isEqual(expected, given) ? new Verdict.Signed(agentId)
                : new Verdict.Refused("does not sign X-Mowai-Agent " + agentId + " (another mowai.gateway.key?)");
    }

    /** What the runner signed for this agent and time, recomputed with this gateway's key. */
    private byte[] mac(String message) {
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
