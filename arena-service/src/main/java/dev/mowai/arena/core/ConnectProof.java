package dev.mowai.arena.core;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the credential a runner-hosted agent presents in {@code AGENT_CONNECT}: base64url (no padding) of
 * HMAC-SHA256 over {@code mowai-arena-connect|<agentId>|<ts>} with the key the arena shares with its runners
 * ({@code mowai.agent-key}). The message carries the frame's {@code ts}, which the relay already holds to
 * 30 s of arena time, so a recorded credential goes stale with its frame. Pure; no key means nothing proves.
 */
public final class ConnectProof {

    /** Shorter keys are refused at start: a guessable key would let anyone claim a runner's agents. */
    public static final int MIN_KEY_CHARS = 16;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    private ConnectProof(SecretKeySpec key) {
        this.key = key;
    }

    public static ConnectProof none() {
        return new ConnectProof(null);
    }

    /** The proof for {@code key} (blank or absent: none). */
    public static ConnectProof of(Optional<String> key) {
        Optional<String> k = key.map(String::strip).filter(s -> !s.isEmpty());
        if (k.isEmpty()) {
            return none();
        }
        if (k.get().length() < MIN_KEY_CHARS) {
            throw new IllegalArgumentException("mowai.agent-key: at least " + MIN_KEY_CHARS + " characters (got "
                    + k.get().length() + "); generate one with: openssl rand -hex 32");
        }
        return new ConnectProof(new SecretKeySpec(k.get().getBytes(StandardCharsets.UTF_8), ALGORITHM));
    }

    public boolean configured() {
        return key != null;
    }

    /** Whether {@code credential} was made with this key for exactly this agent id and ts. */
    public boolean proves(String agentId, double ts, String credential) {
        if (key == null || credential == null || ts != Math.rint(ts)) {
            return false;
        }
        byte[] expected = mac("mowai-arena-connect|" + agentId + "|" + (long) ts);
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(credential);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        return MessageDigest.isEqual(expected, given);
    }

    private byte[] mac(String message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
