package dev.mowai.runner.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A key the runner shares with another service ({@code mowai.agent-key} with the arena, {@code mowai.gateway-key}
 * with the gateway): it signs what the runner says on an agent's behalf, HMAC-SHA256 in base64url without
 * padding. The services hold the same key and recompute the signature; the messages are defined where they
 * are signed ({@link ArenaWire#credential}, the gateway caller).
 */
public final class ServiceKey {

    /** The services refuse shorter keys; so does the runner, rather than sign with one they reject. */
    public static final int MIN_CHARS = 16;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    private ServiceKey(SecretKeySpec key) {
        this.key = key;
    }

    /** The key configured under {@code setting}; empty when unset or blank. */
    public static Optional<ServiceKey> of(String setting, Optional<String> value) {
        Optional<String> k = value.map(String::strip).filter(s -> !s.isEmpty());
        if (k.isPresent() && k.get().length() < MIN_CHARS) {
            throw new IllegalArgumentException(setting + ": at least " + MIN_CHARS + " characters (got "
                    + k.get().length() + "); generate one with: openssl rand -hex 32");
        }
        return k.map(s -> new ServiceKey(new SecretKeySpec(s.getBytes(StandardCharsets.UTF_8), ALGORITHM)));
    }

    public String sign(String message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
