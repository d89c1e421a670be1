package dev.mowai.arena.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How the arena proves itself to the inference gateway: it calls as {@code X-Mowai-Agent: }{@value #ID} with
 * {@code X-Mowai-Agent-Signature: <unix ms>.<base64url HMAC-SHA256(key, "mowai-gateway|arena|<unix ms>")>},
 * the recipe the runners use for their agents (contracts/services.json), with a key only the arena and the
 * gateway hold ({@code mowai.gateway-arena-key}). The gateway then gives the arena a queue of its own under
 * the same limits as an agent's; without the key the arena's calls wait in the gateway's unsigned queue. Pure.
 */
public final class ArenaCaller {

    public static final String ID = "arena";
    /** Shorter keys are refused at start, as by the gateway. */
    public static final int MIN_KEY_CHARS = 16;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    private ArenaCaller(SecretKeySpec key) {
        this.key = key;
    }

    /** {@code key} blank or absent: the arena calls unsigned. */
    public static ArenaCaller of(Optional<String> key) {
        Optional<String> k = key.map(String::strip).filter(s -> !s.isEmpty());
        if (k.isPresent() && k.get().length() < MIN_KEY_CHARS) {
            throw new IllegalArgumentException("mowai.gateway-arena-key: at least " + MIN_KEY_CHARS + " characters (got "
                    + k.get().length() + "); generate one with: openssl rand -hex 32");
        }
        return new ArenaCaller(k.map(s -> new SecretKeySpec(s.getBytes(StandardCharsets.UTF_8), ALGORITHM)).orElse(null));
    }

    public boolean signs() {
        return key != null;
    }

    /** The X-Mowai-Agent-Signature for a call made at {@code nowMs}; null without a key (the header is left out). */
    public String signature(long nowMs) {
        if (key == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] hmac = mac.doFinal(("mowai-gateway|" + ID + "|" + nowMs).getBytes(StandardCharsets.UTF_8));
            return nowMs + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(hmac);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every JDK", e);
        }
    }
}
