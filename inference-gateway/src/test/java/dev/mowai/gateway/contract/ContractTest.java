package dev.mowai.gateway.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mowai.gateway.config.LimitsConfig;
import dev.mowai.gateway.core.CallerIdentification;
import dev.mowai.gateway.core.CallerSignature;
import io.smallrye.config.WithDefault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The gateway keeps the contract it shares with the runner (contracts/services.json at the repository's root). */
class ContractTest {

    /** The repository's contracts/services.json, read by every module's tests. */
    static final JsonNode CONTRACT = parse(Path.of("..", "contracts", "services.json"));
    static final JsonNode GATEWAY = CONTRACT.path("gateway");
    static final int MIN_KEY_CHARS = CONTRACT.at("/sharedKeys/minChars").asInt();

    private static JsonNode parse(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theHeadersAreTheContracts() {
        assertEquals(GATEWAY.path("agentHeader").asText(), CallerIdentification.AGENT_HEADER);
        assertEquals(GATEWAY.path("signatureHeader").asText(), CallerSignature.HEADER);
        assertEquals(GATEWAY.path("arenaCaller").asText(), CallerSignature.ARENA);
    }

    @Test
    void theDefaultLimitsAreTheContracts() throws Exception {
        assertEquals(GATEWAY.path("agentIdChars").asText(), defaultOf("maxAgentIdChars"), "mowai.limits.max-agent-id-chars");
        assertEquals(GATEWAY.path("messageChars").asText(), defaultOf("maxMessageChars"), "mowai.limits.max-message-chars");
    }

    @Test
    void aSignatureMadeAsTheContractSaysProvesTheAgent() throws Exception {
        String key = "g".repeat(MIN_KEY_CHARS);
        long now = 1_700_000_000_000L;
        String message = GATEWAY.path("signedMessage").asText().replace("{agentId}", "a1").replace("{unixMs}", Long.toString(now));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = GATEWAY.path("signature").asText().replace("{unixMs}", Long.toString(now)).replace("{hmac}",
                Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8))));

        assertEquals(new CallerSignature.Verdict.Signed("a1"), new CallerSignature(Optional.of(key), Optional.empty(), 1000).check("a1", signature, now));
        assertInstanceOf(CallerSignature.Verdict.Refused.class,
                new CallerSignature(Optional.of(key), Optional.empty(), 1000).check("a2", signature, now), "the agent id is part of the message");
    }

    @Test
    void keysShorterThanTheContractsAreRefused() {
        assertEquals(MIN_KEY_CHARS, CallerSignature.MIN_KEY_CHARS);
        assertThrows(IllegalArgumentException.class, () -> new CallerSignature(Optional.of("g".repeat(MIN_KEY_CHARS - 1)), Optional.empty(), 1000));
    }

    private static String defaultOf(String setting) throws NoSuchMethodException {
        return LimitsConfig.class.getMethod(setting).getAnnotation(WithDefault.class).value();
    }
}
