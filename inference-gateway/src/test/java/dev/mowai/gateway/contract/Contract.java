package dev.mowai.gateway.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * contracts/services.json at the repository's root, as the gateway's tests read it: every test request names and
 * signs its agent the way the contract says the runner does, so the whole suite checks the gateway against it.
 */
public final class Contract {

    public static final JsonNode JSON = read(Path.of("..", "contracts", "services.json"));
    public static final JsonNode GATEWAY = JSON.path("gateway");
    public static final String AGENT_HEADER = GATEWAY.path("agentHeader").asText();
    public static final String SIGNATURE_HEADER = GATEWAY.path("signatureHeader").asText();
    public static final int MIN_KEY_CHARS = JSON.at("/sharedKeys/minChars").asInt();

    private Contract() {
    }

    private static JsonNode read(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The signature header's value for {@code agent} at {@code unixMs}: gateway.signature over gateway.signedMessage. */
    public static String signature(String key, String agent, long unixMs) {
        String message = GATEWAY.path("signedMessage").asText().replace("{agentId}", agent).replace("{unixMs}", Long.toString(unixMs));
        return GATEWAY.path("signature").asText().replace("{unixMs}", Long.toString(unixMs)).replace("{hmac}", hmac(key, message));
    }

    /** sharedKeys.hmac: HMAC-SHA256, base64url without padding. */
    static String hmac(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
