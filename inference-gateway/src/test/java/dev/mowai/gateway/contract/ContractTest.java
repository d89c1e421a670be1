package dev.mowai.gateway.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mowai.gateway.config.LimitsConfig;
import dev.mowai.gateway.core.CallerIdentification;
import dev.mowai.gateway.core.CallerSignature;
import io.smallrye.config.WithDefault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The gateway keeps the contract it shares with the runner (contracts/services.json at the repository's root). */
class ContractTest {

    static final JsonNode GATEWAY = Contract.GATEWAY;
    static final int MIN_KEY_CHARS = Contract.MIN_KEY_CHARS;

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
        String signature = Contract.signature(key, "a1", now);

        assertEquals(new CallerSignature.Verdict.Signed("a1"), new CallerSignature(Optional.of(key), Optional.empty(), 1000).check("a1", signature, now));
        assertInstanceOf(CallerSignature.Verdict.Refused.class,
                new CallerSignature(Optional.of(key), Optional.empty(), 1000).check("a2", signature, now), "the agent id is part of the message");
    }

    /** The OpenAPI document (META-INF/openapi.yaml, written by hand for the Vert.x route) names the contract's headers. */
    @Test
    void theOpenApiDocumentNamesTheContractsHeadersAndLimit() throws Exception {
        String doc = Files.readString(Path.of("src/main/resources/META-INF/openapi.yaml"));
        Matcher agent = Pattern.compile("- name: " + Pattern.quote(Contract.AGENT_HEADER)
                + "\\n(?:\\s+[a-z]+:.*\\n)*?\\s+schema: \\{type: string, maxLength: (\\d+)\\}")
                .matcher(doc);
        assertTrue(agent.find(), doc);
        assertEquals(GATEWAY.path("agentIdChars").asText(), agent.group(1), "maxLength of " + Contract.AGENT_HEADER);
        assertTrue(doc.contains("- name: " + Contract.SIGNATURE_HEADER + "\n"), doc);
        assertTrue(doc.contains("'" + GATEWAY.path("signedMessage").asText().replace("{agentId}", "<" + Contract.AGENT_HEADER + ">")
                .replace("{unixMs}", "<unix ms>") + "'"), "the document's recipe is the contract's signedMessage");
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
